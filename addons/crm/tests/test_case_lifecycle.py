"""The state buttons as a user sees them: state, responsible, dates, log lines, partner History (§3, §9.3, §14 scenarios 4–8)."""
import pytest

from framework.exceptions import UserError

from .case_world import agrolait_case, build_world, log_names, new_case, partner_events


@pytest.fixture
def world(env):
    return build_world(env)


def test_open_as_bob_assigns_an_unassigned_case(world):
    """Scenario 4."""
    case = agrolait_case(world, user_id=False)
    as_bob = case.with_user(world.bob)
    assert as_bob.case_open() is True
    assert case.state == 'open' and case.user_id == world.bob and case.active
    assert log_names(case) == ['Open']
    assert case.log_ids.user_id == world.bob
    assert case.log_ids.section_id == world.support
    events = partner_events(world, case)
    assert events.mapped('name') == ['Case draft: Printer broken', 'Case open: Printer broken']
    assert events[-1].document == case and events[-1].user_id == world.bob


def test_open_keeps_an_existing_responsible(world):
    case = agrolait_case(world)
    case.with_user(world.bob).case_open()
    assert case.user_id == world.alice


def test_inactive_event_type_stops_partner_events_only(world):
    """Scenario 5."""
    EventType = world.env['res.partner.event.type']
    EventType.search([('key', '=', 'crm_case_open')]).write({'active': False})
    case = agrolait_case(world)
    case.case_open()
    assert log_names(case) == ['Open']
    assert partner_events(world, case).mapped('name') == ['Case draft: Printer broken']


def test_close(world):
    """Scenario 6."""
    case = agrolait_case(world)
    case.case_open()
    case.case_close()
    assert case.state == 'done' and case.date_closed
    assert log_names(case) == ['Open', 'Close']
    assert partner_events(world, case)[-1].name == 'Case done: Printer broken'


def test_pending_event_says_pending(world):
    case = agrolait_case(world)
    case.case_pending()
    assert case.state == 'pending'
    assert log_names(case) == ['Pending']
    assert partner_events(world, case)[-1].name == 'Case pending: Printer broken'


def test_cancel_then_reset_keeps_the_closed_date(world):
    """Scenario 7 (the buttons' visibility is the form's business)."""
    case = agrolait_case(world)
    case.case_close()
    closed = case.date_closed
    case.case_cancel()
    assert case.state == 'cancel'
    case.case_reset()
    assert case.state == 'draft' and case.active
    assert case.date_closed == closed
    assert log_names(case) == ['Close', 'Cancel', 'Draft']
    assert partner_events(world, case).mapped('name')[-2:] == ['Case cancel: Printer broken',
                                                              'Case draft: Printer broken']


def test_state_buttons_reactivate_an_archived_case(world):
    case = new_case(world)
    case.active = False
    case.case_pending()
    assert case.active


def test_escalate_moves_to_the_parent_section(world):
    """Scenario 8."""
    case = agrolait_case(world, section_id=world.support_l2.id, user_id=world.bob.id)
    case.case_open()
    case.case_escalate()
    assert case.section_id == world.support and case.user_id == world.alice
    assert case.state == 'open'
    assert log_names(case) == ['Open', 'Escalate']
    escalate_log = case.log_ids.sorted('id')[-1]
    assert escalate_log.section_id == world.support
    assert 'Case escalate' not in ' '.join(partner_events(world, case).mapped('name'))


def test_escalate_at_the_top_is_refused_and_changes_nothing(world):
    top = new_case(world, name='Top')
    lower = new_case(world, name='Lower', section_id=world.support_l2.id)
    both = lower | top
    with pytest.raises(UserError) as error:
        both.case_escalate()
    assert 'You can not escalate this case.' in str(error.value)
    assert 'You are already at the top level.' in str(error.value)
    assert lower.section_id == world.support_l2 and top.section_id == world.support
    assert not lower.log_ids and not top.log_ids


def test_escalate_several_cases_each_to_its_own_parent(world):
    """§13.4: the reimplementation escalates each case to its own parent section."""
    level3 = world.env['crm.case.section'].create({'name': 'L3', 'parent_id': world.support_l2.id})
    a = new_case(world, name='a', section_id=world.support_l2.id)
    b = new_case(world, name='b', section_id=level3.id)
    (a | b).case_escalate()
    assert a.section_id == world.support and a.user_id == world.alice
    assert b.section_id == world.support_l2 and b.user_id == world.bob


def test_escalate_to_a_section_without_responsible_unassigns(world):
    world.support.user_id = False
    case = new_case(world, section_id=world.support_l2.id)
    case.case_escalate()
    assert not case.user_id


def test_rules_see_the_state_before_the_button(world, monkeypatch):
    """The rules engine gets the pressed button and the state each case had before it."""
    calls = []

    def spy(self, state_to, scrit=None, check_mail=True):
        calls.append((state_to, dict(self.env.context.get('crm_states_from') or {}),
                      {case.id: case.state for case in self}))
        return True

    Case = type(world.env['crm.case'])
    monkeypatch.setattr(Case, '_action', spy)
    case = new_case(world)
    case.case_open()
    case.case_pending()
    assert calls[0] == ('draft', {}, {case.id: 'draft'})
    assert calls[1] == ('open', {case.id: 'draft'}, {case.id: 'open'})
    assert calls[2] == ('pending', {case.id: 'open'}, {case.id: 'pending'})


def test_life_cycle_over_xmlrpc_style_ids(world):
    """5.0 clients call the buttons with ids and a context dict: the ORM browses the ids."""
    from framework.api import call_kw
    case = agrolait_case(world)
    Case = world.env['crm.case'].with_user(world.alice)
    assert call_kw(Case, 'case_open', [[case.id], {'lang': 'en_US'}], {}) is True
    assert call_kw(Case, 'case_close', [[case.id]], {}) is True
    assert case.state == 'done'
    assert call_kw(Case, 'emails_get', [case.id], {})[1] == 'info@agrolait.com'
