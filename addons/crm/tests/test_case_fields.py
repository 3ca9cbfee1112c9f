"""A new case as a user sees it: defaults, portal mode, on-change helpers, copy, delete (§2.4, §14 scenarios 1–3, 9)."""
import datetime

import pytest

from framework import fields
from framework.exceptions import UserError

from .case_world import agrolait_case, build_world, new_case, partner_events


@pytest.fixture
def world(env):
    return build_world(env)


def test_new_case_defaults(world):
    """Scenario 1: Draft, Normal, Alice responsible, dated now, active; no partner → no event."""
    before = fields.Datetime.now() - datetime.timedelta(seconds=1)
    case = new_case(world)
    assert case.state == 'draft'
    assert case.priority == '3'
    assert case.user_id == world.alice
    assert case.active is True
    assert before <= case.date <= fields.Datetime.now() + datetime.timedelta(seconds=1)
    assert not world.env['res.partner.event'].search([('document', '=', 'crm.case,%d' % case.id)])
    assert case.log_ids.mapped('name') == [] and not case.history_line


def test_creating_an_agrolait_case_records_the_draft_event(world):
    case = agrolait_case(world)
    events = partner_events(world, case)
    assert events.mapped('name') == ['Case draft: Printer broken']
    assert events.user_id == world.alice


def test_portal_mode_defaults_come_from_the_user_address(world):
    """A portal user creates unassigned cases for their own partner, contact and email."""
    world.alice.address_id.write({'partner_id': world.agrolait.id})
    Case = world.env['crm.case'].with_user(world.alice).with_context(portal=True)
    defaults = Case.default_get(['user_id', 'partner_id', 'partner_address_id', 'email_from'])
    assert not defaults.get('user_id')
    assert defaults['partner_id'] == world.agrolait.id
    assert defaults['partner_address_id'] == world.alice.address_id.id
    assert defaults['email_from'] == 'alice@co.com'


def test_defaults_outside_portal_mode(world):
    Case = world.env['crm.case'].with_user(world.bob)
    defaults = Case.default_get(['user_id', 'partner_id', 'partner_address_id', 'email_from', 'state'])
    assert defaults['user_id'] == world.bob.id
    assert not defaults.get('partner_id') and not defaults.get('partner_address_id')
    assert not defaults.get('email_from')
    assert defaults['state'] == 'draft'


def test_choosing_a_partner_fills_contact_and_email(world):
    """Scenario 2, through the 5.0 on-change and through the form's on-change."""
    Case = world.env['crm.case']
    result = Case.onchange_partner_id(world.agrolait.id, False)
    assert result == {'value': {'partner_address_id': world.contact.id, 'email_from': 'info@agrolait.com'}}
    kept = Case.onchange_partner_id(world.agrolait.id, 'jo@agrolait.com')
    assert kept == {'value': {'partner_address_id': world.contact.id}}
    assert Case.onchange_partner_id(False, 'x@y.com') == {'value': {'partner_address_id': False}}

    form = Case.onchange({'name': 'Printer broken', 'section_id': world.support.id,
                          'partner_id': world.agrolait.id, 'email_from': False},
                         'partner_id', ['partner_id', 'partner_address_id', 'email_from'])
    assert form['value']['email_from'] == 'info@agrolait.com'
    assert form['value']['partner_address_id'][0] == world.contact.id
    form = Case.onchange({'name': 'Printer broken', 'section_id': world.support.id,
                          'partner_id': world.agrolait.id, 'email_from': 'jo@agrolait.com'},
                         'partner_id', ['partner_id', 'partner_address_id', 'email_from'])
    assert 'email_from' not in form['value']


def test_choosing_a_contact_fills_an_empty_email_only(world):
    Case = world.env['crm.case']
    assert Case.onchange_partner_address_id(world.contact.id, False) == \
        {'value': {'email_from': 'info@agrolait.com'}}
    assert Case.onchange_partner_address_id(world.contact.id, 'jo@x.com') == {'value': {}}
    assert Case.onchange_partner_address_id(False, False) == {}


def test_choosing_a_category_sets_its_probability(world):
    """Scenario 3."""
    hardware = world.env['crm.case.categ'].create(
        {'name': 'Hardware', 'probability': 30, 'section_id': world.support.id})
    Case = world.env['crm.case']
    assert Case.onchange_categ_id(hardware.id) == {'value': {'probability': 30.0}}
    form = Case.onchange({'name': 'x', 'section_id': world.support.id, 'categ_id': hardware.id,
                          'probability': 0}, 'categ_id', ['categ_id', 'probability'])
    assert form['value']['probability'] == 30.0


def test_copy_is_a_new_draft_without_history_or_log(world):
    case = agrolait_case(world, description='Called customer')
    case.case_log()
    case.case_open()
    copy = case.copy()
    assert copy.id != case.id
    assert copy.state == 'draft'
    assert not copy.history_line and not copy.log_ids
    assert copy.name == case.name and copy.partner_id == world.agrolait
    assert copy.email_from == 'info@agrolait.com' and copy.user_id == case.user_id


def test_delete_protection(world):
    """Scenario 9: Allow Delete unchecked → an open case cannot be deleted, a draft one can."""
    world.support.allow_unlink = False
    opened = new_case(world, name='Open one')
    opened.case_open()
    opened = world.env['crm.case'].browse(opened.id)   # deleting cases is a manager's job (§10.6)
    with pytest.raises(UserError, match='You can not delete this case. You should better cancel it.'):
        opened.unlink()
    assert opened.exists()
    draft = world.env['crm.case'].browse(new_case(world, name='Draft one').id)
    draft.case_log()  # has a log line: deleting cascades to it
    logs = draft.log_ids
    draft.unlink()
    assert not draft.exists() and not logs.exists()
    world.support.allow_unlink = True
    opened.unlink()
    assert not opened.exists()


def test_emails_get_for_the_gateway(world):
    case = agrolait_case(world, email_cc='boss@agrolait.com', priority='2')
    assert case.emails_get() == ('alice@co.com', 'info@agrolait.com', 'boss@agrolait.com', '2')
    unassigned = new_case(world, user_id=False)
    assert unassigned.emails_get() == (False, False, False, '3')


def test_case_field_labels(world):
    fields_ = world.env['crm.case'].fields_get()
    expected = {
        'name': 'Description', 'priority': 'Priority', 'active': 'Active', 'description': 'Your action',
        'section_id': 'Section', 'categ_id': 'Category', 'planned_revenue': 'Planned Revenue',
        'planned_cost': 'Planned Costs', 'probability': 'Probability (%)', 'email_from': 'Partner Email',
        'email_cc': 'Watchers Emails', 'email_last': 'Latest E-Mail', 'partner_id': 'Partner',
        'partner_address_id': 'Partner Contact', 'som': 'State of Mind', 'date': 'Date',
        'create_date': 'Created', 'date_deadline': 'Deadline', 'date_closed': 'Closed',
        'canal_id': 'Channel', 'user_id': 'Responsible', 'history_line': 'Communication',
        'log_ids': 'Logs History', 'state': 'Status', 'ref': 'Reference', 'ref2': 'Reference 2',
        'date_action_last': 'Last Action', 'date_action_next': 'Next Action',
    }
    assert {name: fields_[name]['string'] for name in expected} == expected
    assert fields_['section_id']['required'] and fields_['name']['required']
    assert fields_['state']['readonly'] and fields_['date_closed']['readonly']
    assert fields_['history_line']['readonly'] and fields_['log_ids']['readonly']
    assert fields_['state']['selection'] == [['draft', 'Draft'], ['open', 'Open'], ['cancel', 'Cancel'],
                                             ['done', 'Close'], ['pending', 'Pending']]
    assert fields_['priority']['selection'] == [['5', 'Lowest'], ['4', 'Low'], ['3', 'Normal'],
                                                ['2', 'High'], ['1', 'Highest']]
    assert ['crm.case', 'Case'] in fields_['ref']['selection']
    assert fields_['categ_id']['domain'] in ("[('section_id','=',section_id)]",)


def test_cases_are_ordered_by_priority_then_deadline(world):
    low = new_case(world, name='low', priority='4')
    high = new_case(world, name='high', priority='1')
    late = new_case(world, name='normal later', date_deadline='2030-01-01 00:00:00')
    soon = new_case(world, name='normal sooner', date_deadline='2029-01-01 00:00:00')
    found = world.env['crm.case'].search([('id', 'in', (low | high | late | soon).ids)])
    assert found.mapped('name') == ['high', 'normal later', 'normal sooner', 'low']
