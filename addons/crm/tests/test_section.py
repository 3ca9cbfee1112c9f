"""Sections as a user sees them: the path name, no recursion, unique code (§2.1, §14 scenarios 34–35)."""
import pytest

from framework.exceptions import UserError, ValidationError

from .case_world import build_world, new_case


@pytest.fixture
def world(env):
    return build_world(env)


def test_child_section_displays_its_full_path(world):
    assert world.support_l2.display_name == 'Support / Support L2'
    assert world.support_l2.name_get() == [(world.support_l2.id, 'Support / Support L2')]
    level3 = world.env['crm.case.section'].create({'name': 'Hardware', 'parent_id': world.support_l2.id})
    assert level3.display_name == 'Support / Support L2 / Hardware'


def test_section_cannot_become_its_own_ancestor(world):
    with pytest.raises(ValidationError, match='Error ! You cannot create recursive sections.'):
        world.support.write({'parent_id': world.support_l2.id})
        world.env.flush_all()


def test_section_chain_deeper_than_100_levels_is_refused(world):
    Section = world.env['crm.case.section']
    parent = world.support
    for level in range(99):
        parent = Section.create({'name': 'L%d' % level, 'parent_id': parent.id})
    with pytest.raises(ValidationError, match='recursive sections'):
        Section.create({'name': 'Too deep', 'parent_id': parent.id})
        world.env.flush_all()


def test_section_code_is_unique(world):
    with pytest.raises(Exception, match='The code of the section must be unique !'):
        world.env['crm.case.section'].create({'name': 'Other support', 'code': 'support'})
        world.env.flush_all()


def test_many_sections_may_have_no_code(world):
    Section = world.env['crm.case.section']
    sections = Section.create([{'name': 'A'}, {'name': 'B'}])
    world.env.flush_all()
    assert sections.mapped('code') == [False, False]


def test_section_defaults_and_labels(world):
    Section = world.env['crm.case.section']
    section = Section.create({'name': 'Sales'})
    assert section.active is True and section.allow_unlink is True
    fields = Section.fields_get()
    assert fields['name']['string'] == 'Case Section' and fields['name']['required']
    assert fields['code']['string'] == 'Section Code' and fields['code']['size'] == 8
    assert fields['allow_unlink']['string'] == 'Allow Delete'
    assert fields['allow_unlink']['help'] == 'Allows to delete non draft cases'
    assert fields['user_id']['string'] == 'Responsible User'
    assert fields['parent_id']['string'] == 'Parent Section'
    assert fields['child_ids']['string'] == 'Child Sections'
    assert fields['reply_to']['string'] == 'Reply-To' and fields['reply_to']['size'] == 64


def test_top_sections_expand_to_children_and_list_their_cases(world):
    """Cases by section: top-level sections, children below; Support lists L2 cases too."""
    Section = world.env['crm.case.section']
    tops = Section.search([('parent_id', '=', False)])
    assert world.support in tops and world.support_l2 not in tops
    assert world.support.child_ids == world.support_l2
    mine = new_case(world, name='At level 1')
    deeper = new_case(world, name='At level 2', section_id=world.support_l2.id)
    cases = world.env['crm.case'].search([('section_id', 'child_of', [world.support.id])])
    assert mine in cases and deeper in cases


def test_category_fields(world):
    Categ = world.env['crm.case.categ']
    categ = Categ.create({'name': 'Hardware', 'section_id': world.support.id})
    assert categ.probability == 0.0
    fields = Categ.fields_get()
    assert fields['name']['string'] == 'Case Category Name' and fields['name']['required']
    assert fields['probability']['string'] == 'Probability (%)' and fields['probability']['required']
    assert fields['section_id']['string'] == 'Case Section'
