"""Partner categories form a tree shown by full path, and a tree has no cycles."""
import pytest

from framework.exceptions import ValidationError


def _tree(env):
    categories = env['res.partner.category']
    root = categories.create([{'name': 'Customers'}])
    child = categories.create([{'name': 'Gold', 'parent_id': root.id}])
    grandchild = categories.create([{'name': 'Belgium', 'parent_id': child.id}])
    return root, child, grandchild


def test_category_is_named_by_its_full_path(env):
    root, child, grandchild = _tree(env)
    assert grandchild.display_name == 'Customers / Gold / Belgium'
    assert dict(grandchild.name_get()) == {grandchild.id: 'Customers / Gold / Belgium'}
    assert root.display_name == 'Customers'


def test_child_of_finds_the_whole_branch(env):
    root, child, grandchild = _tree(env)
    found = env['res.partner.category'].search([('id', 'child_of', root.id)])
    assert set(found.ids) == {root.id, child.id, grandchild.id}


def test_a_category_cannot_become_its_own_ancestor(env):
    root, child, grandchild = _tree(env)
    with pytest.raises(ValidationError, match='own ancestor'):
        root.write({'parent_id': grandchild.id})
    with pytest.raises(ValidationError, match='own ancestor'):
        root.write({'parent_id': root.id})


def test_partners_are_tagged_with_categories(env):
    root, child, grandchild = _tree(env)
    partner = env['res.partner'].create([{'name': 'Tagged', 'category_id': [(6, 0, [child.id])]}])
    assert partner.category_id == child
    assert partner in child.partner_ids
