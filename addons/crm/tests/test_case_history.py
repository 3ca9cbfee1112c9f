"""Historize, the communication thread and its log (§2.5, §2.6, §3.1, §3.3, §14 scenarios 10, 13, 19)."""
import pytest

from .case_world import agrolait_case, build_world, log_names, new_case


@pytest.fixture
def world(env):
    return build_world(env)


def test_historize_a_text(world):
    """Scenario 10."""
    canal = world.env['res.partner.canal'].create({'name': 'Phone'})
    som = world.env['res.partner.som'].create({'name': 'Happy', 'factor': 0.75})
    case = agrolait_case(world, description='Called customer', canal_id=canal.id, som=som.id)
    assert case.case_log() is True
    line = case.history_line
    assert len(line) == 1
    assert line.description == 'Called customer' and line.email == 'alice@co.com'
    assert line.name == 'Historize' and line.user_id == world.alice
    assert line.canal_id == canal and line.som == som and line.section_id == world.support
    assert log_names(case) == ['Historize']
    assert case.log_ids == line.log_id
    assert not case.description and not case.som and not case.canal_id
    assert case.email_last == 'Called customer'
    assert line.note.startswith('alice@co.com (') and line.note.endswith(')\nCalled customer')


def test_historize_without_text_adds_only_a_log_line(world):
    case = new_case(world)
    case.case_log()
    assert not case.history_line
    assert log_names(case) == ['Historize']
    assert not case.email_last


def test_historize_with_an_explicit_email(world):
    case = new_case(world, description='From the gateway')
    case.case_log(email='jo@agrolait.com')
    assert case.history_line.email == 'jo@agrolait.com'


def test_latest_email_is_the_newest_message(world):
    case = new_case(world, description='first')
    case.case_log()
    case.description = 'second'
    case.case_log()
    assert case.email_last == 'second'
    assert case.history_line.mapped('description') == ['second', 'first']   # newest first


def test_add_reply_quotes_the_last_message(world):
    """Scenario 13."""
    case = agrolait_case(world, description='Hi\nthanks')
    case.case_log()
    assert case.add_reply() is True
    assert case.description == '> Hi\n> thanks'


def test_add_reply_without_history_changes_nothing(world):
    case = new_case(world, description='draft text')
    case.add_reply()
    assert case.description == 'draft text'


def test_gateway_style_history_line_is_a_log_line_too(world):
    """A message written through the case (``history_line`` command) also appears in the log."""
    case = new_case(world)
    case.write({'description': 'Printer is on fire',
                'history_line': [(0, 0, {'description': 'Printer is on fire', 'email': 'info@agrolait.com'})]})
    assert case.history_line.description == 'Printer is on fire'
    assert case.history_line.case_id == case
    assert case.log_ids == case.history_line.log_id
    assert case.email_last == 'Printer is on fire'


def test_history_creation_runs_the_rules_before_the_line_is_stored(world, monkeypatch):
    """§2.6 / scenario 19: the rules ('' pressed) see the count of messages without the new one."""
    seen = []

    def spy(self, state_to, scrit=None, check_mail=True):
        for case in self:
            seen.append((state_to, len(case.history_line)))
        return True

    monkeypatch.setattr(type(world.env['crm.case']), '_action', spy)
    case = new_case(world)
    for text in ('one', 'two', 'three'):
        case.description = text
        case.case_log()
    assert seen == [('draft', 0), ('', 0), ('', 1), ('', 2)]


def test_two_lines_for_one_case_in_one_create_run_the_rules_twice(world, monkeypatch):
    seen = []
    monkeypatch.setattr(type(world.env['crm.case']), '_action',
                        lambda self, state_to, *a, **k: seen.extend(len(c.history_line) for c in self))
    case = new_case(world)
    seen.clear()
    world.env['crm.case.history'].create([{'case_id': case.id, 'description': 'a'},
                                          {'case_id': case.id, 'description': 'b'}])
    assert seen == [0, 1]


def test_deleting_a_case_deletes_its_log_and_history(world):
    case = new_case(world, description='text')
    case.case_log()
    case.case_open()
    lines, logs = case.history_line, case.log_ids
    world.env['crm.case'].browse(case.id).unlink()
    assert not lines.exists() and not logs.exists()


def test_log_and_history_models(world):
    Log, History = world.env['crm.case.log'], world.env['crm.case.history']
    assert Log._order == 'id desc' and History._order == 'id desc'
    log_fields = Log.fields_get()
    assert {n: log_fields[n]['string'] for n in ('name', 'som', 'date', 'canal_id', 'section_id',
                                                 'user_id', 'case_id')} == {
        'name': 'Action', 'som': 'State of Mind', 'date': 'Date', 'canal_id': 'Channel',
        'section_id': 'Section', 'user_id': 'User Responsible', 'case_id': 'Case'}
    assert log_fields['case_id']['required'] and log_fields['user_id']['readonly']
    history_fields = History.fields_get()
    assert history_fields['description']['string'] == 'Description'
    assert history_fields['note']['string'] == 'Description'
    assert history_fields['email']['string'] == 'Email' and history_fields['email']['size'] == 84
    assert 'case_id' in history_fields   # delegated to the log
