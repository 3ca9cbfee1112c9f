"""What a fired rule does to its cases (SPEC-crm §5.4), applied per rule to all its cases at once.

For each fired rule, in this order: (1) one plain write of the field
changes and ``date_action_last`` on all its cases, and one UPDATE of the
watchers each case ends up with (no log line, no partner event, no rules
run again), (2) reminder to the responsible,
(3) reminder to the partner (§6.3), (4) the case method named by
``act_method``, (5) the template mail (§6.2) rendered with the case values
as step 1 left them. The people, addresses, sections and attachments the
mails need are read once for all fired cases, and every mail is queued in
one ``mail.mail`` create, so the number of queries does not grow per
case. ``act_method`` is called once per rule on all its cases.
"""
from framework import _
from framework.exceptions import UserError
from framework.orm.sql import SQL

from . import crm_rule_template
from .crm_case import STATES_FROM_KEY
from .crm_mail import split_emails, tinycrm_message_id

#: SQL array type of the per-case values :func:`write_per_case` sends, by field type
ARRAY_TYPES = {'datetime': SQL('timestamp[]'), 'char': SQL('text[]')}

#: case fields a rule may set, from the rule's action fields
FIELD_ACTIONS = (('act_state', 'state'), ('act_section_id', 'section_id'),
                 ('act_user_id', 'user_id'), ('act_priority', 'priority'))


def merged_email_cc(current, added):
    """Return the case's new Watchers Emails after a rule adds ``added``, or None if unchanged.

    5.0's merge: a list holding an address gets ``,added`` appended unless
    ``added`` is already one of its comma-separated items; a list without
    any address is replaced.
    """
    if not added:
        return None
    if '@' in (current or ''):
        if added in current.split(','):
            return None
        return current + ',' + added
    return added


def apply(env, firings, now, check_mail=True):
    """Run the actions of each ``(rule, case rows)`` of ``firings`` (rules as dicts, cases as dicts).

    ``check_mail`` false skips the reminders and the template mail.
    """
    if not firings:
        return
    for rule, cases in firings:
        _write_changes(env, rule, cases, now)
    context = _MailContext(env, [case for _rule, cases in firings for case in cases]) \
        if check_mail and any(_sends_mail(rule) for rule, _cases in firings) else None
    mails = []
    for rule, cases in firings:
        if context and rule['act_remind_user']:
            mails += [context.reminder(case, 'user', rule['act_remind_attach']) for case in cases]
        if context and rule['act_remind_partner']:
            mails += [context.reminder(case, 'partner', rule['act_remind_attach']) for case in cases]
        if rule['act_method']:
            _call_method(env, rule, cases)
        if context and rule['act_mail_body']:
            mails += [context.rule_mail(rule, case) for case in cases]
    mails = [values for values in mails if values]
    if mails:
        env['mail.mail'].sudo().create(mails)


def _sends_mail(rule):
    return rule['act_remind_user'] or rule['act_remind_partner'] or rule['act_mail_body']


def _cases(env, ids):
    """The cases ``ids``, archived ones included, without the button's states-before map.

    What the actions do (a method pressing another button, a history line)
    must see the states the cases have now, not those of the outer press.
    """
    context = {key: value for key, value in env.context.items() if key != STATES_FROM_KEY}
    return env['crm.case'].with_context(context, active_test=False).browse(ids)


def write_per_case(env, name, values):
    """Write case field ``name`` with a value per case (``{case id: value}``) in one UPDATE.

    For the engine's bookkeeping columns (Next Action) and the merged
    watchers, whose values differ from case to case: one statement instead
    of one write per distinct value. The cache takes the new values.
    """
    if not values:
        return
    Case = env['crm.case']
    field = Case._fields[name]
    ids = list(values)
    values = {i: field.convert_to_cache(values[i], Case) for i in ids}     # as a write cleans them
    env.cr.execute(*SQL(
        'UPDATE %s SET %s = v.value FROM unnest(%s::int[], %s::%s) AS v(id, value) WHERE %s = v.id',
        SQL.identifier(Case._table), SQL.identifier(name), ids, [values[i] for i in ids],
        ARRAY_TYPES[field.type], SQL.identifier(Case._table, 'id')).as_args())
    env.cache.update(ids, field, [values[i] for i in ids])


def _write_changes(env, rule, cases, now):
    """Step 1: one write of the rule's values, plus the merged watchers case by case.

    The rows take the new values, for the mails of step 5.
    """
    email_cc = {}
    for case in cases:
        merged = merged_email_cc(case['email_cc'], rule['act_email_cc'])
        if merged is not None:
            email_cc[case['id']] = case['email_cc'] = merged
    values = {name: rule[action] for action, name in FIELD_ACTIONS if rule[action]}
    values['date_action_last'] = now
    for case in cases:
        case.update(values)
    _cases(env, [case['id'] for case in cases]).write(values)
    write_per_case(env, 'email_cc', email_cc)


def _call_method(env, rule, cases):
    """Step 4: ``cases.<act_method>(rule)``, the 5.0 intent ``method(cr, uid, ids, rule)``.

    Only public methods (the ones RPC could call too): a name starting with
    ``_`` is unknown.
    """
    records = _cases(env, [case['id'] for case in cases])
    name = rule['act_method'].strip()
    method = getattr(records, name, None) if not name.startswith('_') else None
    if not callable(method):
        raise UserError(_('Unknown method "%s" on cases: correct the rule\'s "Call Object Method".')
                        % name)
    method(env['crm.case.rule'].browse(rule['id']))


class _MailContext:
    """What the rule mails need about the fired cases, read once: people, sections, histories."""

    def __init__(self, env, cases):
        self.env = env(su=True)
        ids = [case['id'] for case in cases]
        self.users = self._read('res.users', {c['user_id'] for c in cases},
                                ['name', 'address_id', 'signature'])
        self.addresses = self._read('res.partner.address',
                                    {c['partner_address_id'] for c in cases}
                                    | {u['address_id'] for u in self.users.values()},
                                    ['email', 'phone'])
        self.partners = self._read('res.partner', {c['partner_id'] for c in cases}, ['name'])
        self.sections = self._read('crm.case.section', {c['section_id'] for c in cases},
                                   ['reply_to'])
        self._case_ids = ids
        self._last_emails = None
        self._attachments = None

    def _read(self, model, ids, names):
        ids = [i for i in ids if i]
        if not ids:
            return {}
        records = self.env[model].with_context(active_test=False).browse(ids)
        return {row['id']: row for row in records.read(names, load=None)}

    # --- per case facts ---
    def user(self, case):
        return self.users.get(case['user_id'])

    def user_address(self, case):
        user = self.user(case)
        return self.addresses.get(user['address_id']) if user else None

    def reply_to(self, case):
        return (self.sections.get(case['section_id']) or {}).get('reply_to') or False

    def last_email(self, case):
        """The newest history text of the case (its Latest E-Mail), or False."""
        if self._last_emails is None:
            self._last_emails = {}
            lines = self.env['crm.case.history'].search_read(
                [('case_id', 'in', self._case_ids)], ['case_id', 'description'], order='id desc')
            for line in lines:
                self._last_emails.setdefault(line['case_id'][0], line['description'] or False)
        return self._last_emails.get(case['id'], False)

    def attachments(self, case):
        """Ids of the documents attached to the case."""
        if self._attachments is None:
            self._attachments = {}
            found = self.env['ir.attachment'].search_read(
                [('res_model', '=', 'crm.case'), ('res_id', 'in', self._case_ids)],
                ['res_id'], order='id')
            for row in found:
                self._attachments.setdefault(row['res_id'], []).append(row['id'])
        return self._attachments.get(case['id'], [])

    # --- mails ---
    def _mail(self, case, email_from, recipients, subject, body, attachment_ids=()):
        """``mail.mail`` values as ``crm.case._email_send`` queues them (crm_mail.py)."""
        recipients = split_emails(recipients)
        if not recipients:
            return None
        reply_to = self.reply_to(case)
        values = {
            'email_from': email_from,
            'email_to': ', '.join(recipients),
            'reply_to': ('%s, %s' % (email_from, reply_to)) if reply_to else False,
            'subject': subject,
            'body': body or '',
            'message_id': tinycrm_message_id(case['id']),
            'model': 'crm.case',
            'res_id': case['id'],
        }
        if attachment_ids:
            values['attachment_ids'] = [(6, 0, list(attachment_ids))]
        return values

    def reminder(self, case, whom, attach):
        """Values of the reminder to the responsible (``whom='user'``) or the partner (§6.3).

        None when the section has no Reply-To or the case no Partner Email
        (quirk 6: nothing happens, no error).
        """
        reply_to = self.reply_to(case)
        if not reply_to or not case['email_from']:
            return None
        body = self.last_email(case) or case['description'] or ''
        if whom == 'user':
            email_from, to = case['email_from'], [reply_to]
        else:
            email_from, to = reply_to, [case['email_from']]
            signature = (self.user(case) or {}).get('signature')
            if signature:
                body = '%s\n\n%s' % (body, signature)
        subject = _('Reminder: [%s] %s') % (case['id'], case['name'])
        return self._mail(case, email_from, to, subject, body,
                          self.attachments(case) if attach else ())

    def rule_mail(self, rule, case):
        """Values of the rule's template mail to its recipients (§5.4 step 5, §6.2), or None."""
        address = self.user_address(case)
        recipients = []
        if rule['act_mail_to_user'] and address:
            recipients.append(address.get('email'))
        if rule['act_mail_to_partner']:
            recipients.append(case['email_from'])
        if rule['act_mail_to_watchers']:
            recipients += (rule['act_email_cc'] or '').split(',')
        recipients += (rule['act_mail_to_email'] or '').split(',')
        if not split_emails(recipients):
            return None
        email_from = (address or {}).get('email') or self.reply_to(case)
        if not email_from:
            raise UserError(_('No E-Mail ID Found for your Company address or missing '
                              'reply address in section!'))
        values = crm_rule_template.case_values(
            case, user=self.user(case), user_address=address,
            partner=self.partners.get(case['partner_id']),
            contact=self.addresses.get(case['partner_address_id']))
        body = crm_rule_template.render(rule['act_mail_body'], values)
        return self._mail(case, email_from, recipients, '[%s] %s' % (case['id'], case['name']), body)
