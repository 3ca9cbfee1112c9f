"""Helpers of the rules tests: the §14 world in a committed database, rules, and the mails that arrive.

The rules' mails are queued in the business transaction and sent by the
mail queue once it has committed, so the mail tests work in a fresh copy
of the template database (``fresh_db``) where every step is a transaction
of its own (:class:`RulesDb`), and read what the SMTP sink received.
"""
import datetime
from types import SimpleNamespace

from tests.mail.conftest import MailDb

from .case_world import build_world

#: the moment the generated cases are dated and the scheduler runs at
NOW = datetime.datetime(2031, 6, 1, 12, 0, 0)

#: the records of the world, by attribute, and their model
WORLD_MODELS = {'alice': 'res.users', 'bob': 'res.users', 'support': 'crm.case.section',
                'support_l2': 'crm.case.section', 'agrolait': 'res.partner',
                'contact': 'res.partner.address'}


def world_in(env, ids):
    """The world whose record ids are ``ids``, browsed in ``env``."""
    records = {name: env[model].browse(ids[name]) for name, model in WORLD_MODELS.items()}
    return SimpleNamespace(env=env, **records)


class RulesDb(MailDb):
    """A committed database holding the §14 world; ``run(func)`` gives ``func(world)``."""

    def __init__(self, name):
        super().__init__(name)
        self.ids = super().run(lambda env: _world_ids(build_world(env)))

    def run(self, func):
        """Return ``func(world)`` in a transaction of its own, committed at the end."""
        return super().run(lambda env: func(world_in(env, self.ids)))

    def send_queue(self):
        """Send the queued mails, as the queue job does after the commit."""
        return MailDb.run(self, lambda env: env['mail.mail'].process_email_queue())


def _world_ids(world):
    return {name: getattr(world, name).id for name in WORLD_MODELS}


def add_rule(world, **values):
    """Create a rule (as superuser) and return it."""
    values.setdefault('name', 'Rule')
    return world.env['crm.case.rule'].create(values)


def received(sink):
    """What the SMTP sink received, as dicts: from, to (sorted list), subject, body, attachments."""
    result = []
    for _sender, recipients, message in sink.received:
        body = message.get_body(preferencelist=('plain',))
        result.append({
            'from': message['From'], 'to': sorted(recipients), 'subject': message['Subject'],
            'reply_to': message['Reply-To'], 'message_id': message['Message-Id'],
            'body': body.get_content().replace('\r\n', '\n').rstrip('\n') if body else '',
            'attachments': [part.get_filename() for part in message.iter_attachments()],
        })
    return result


# --- generated load: the query-count test and bench/crm_rules.py ---


def twenty_rules(world):
    """Rules covering every condition and action the scheduler can run."""
    vip = world.env['res.partner.category'].create({'name': 'VIP'})
    rules = [
        # button rules: never run by the scheduler
        {'trg_state_to': 'open', 'act_priority': '1'},
        {'trg_state_to': 'pending', 'act_user_id': world.bob.id},
        # conditions that hold for no case
        {'trg_partner_categ_id': vip.id, 'act_priority': '1'},
        {'trg_max_history': 50, 'act_priority': '1'},
        {'trg_section_id': world.support_l2.id, 'act_priority': '1'},
        {'trg_user_id': world.bob.id, 'act_priority': '1'},
        {'trg_state_from': 'pending', 'act_priority': '1'},
        {'trg_priority_from': '1', 'trg_priority_to': '1', 'act_priority': '5'},
        # date rules not due yet: they set Next Action on every case
        {'trg_date_type': 'deadline', 'trg_date_range': 10, 'trg_date_range_type': 'day',
         'act_priority': '1'},
        {'trg_date_type': 'date', 'trg_date_range': 3, 'trg_date_range_type': 'month',
         'act_priority': '1'},
        # the rules that fire, one per priority of the cases
        {'trg_priority_from': '2', 'trg_priority_to': '2', 'act_state': 'pending',
         'act_email_cc': 'qa@co.com', 'act_mail_to_partner': True, 'act_mail_to_user': True,
         'act_mail_body': 'Dear %(partner)s, case %(case_id)s (%(case_user)s)'},
        {'trg_priority_from': '3', 'trg_priority_to': '3', 'act_remind_user': True,
         'act_remind_partner': True, 'act_remind_attach': True, 'act_user_id': world.bob.id},
        {'trg_priority_from': '4', 'trg_priority_to': '4', 'act_section_id': world.support_l2.id,
         'act_method': 'add_reply'},
        {'trg_date_type': 'create', 'trg_date_range': 1, 'trg_date_range_type': 'hour',
         'trg_priority_from': '5', 'act_priority': '4'},
    ]
    while len(rules) < 20:      # shadowed rules: never reached, but read and evaluated
        rules.append({'trg_priority_from': '5', 'act_priority': '1'})
    Rule = world.env['crm.case.rule']
    return Rule.create([dict(values, name='Rule %d' % i, sequence=i) for i, values in enumerate(rules)])


def open_cases(world, count):
    """``count`` open cases of Agrolait, priorities 2 to 5 in turn, each with dates and a watcher."""
    values = [{'name': 'Case %d' % i, 'section_id': world.support.id, 'partner_id': world.agrolait.id,
               'partner_address_id': world.contact.id, 'email_from': 'info@agrolait.com',
               'priority': str(2 + i % 4), 'date': NOW, 'date_deadline': NOW,
               'description': 'Text %d' % i, 'user_id': world.alice.id,
               'email_cc': 'watcher%d@agrolait.com' % i} for i in range(count)]
    cases = world.env['crm.case'].create(values)
    cases.write({'state': 'open'})
    return cases
