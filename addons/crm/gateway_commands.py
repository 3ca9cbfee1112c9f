"""What the crm mail gateway reads in a message beyond the parser's dict: commands and recipients.

Pure functions, no framework import: the server-side hooks
(``models/crm_case_gateway.py``) and the stand-alone 5.0 script
(``scripts/openerp-mailgate/openerp-mailgate.py``, which loads this file by
path) apply the same rules.

A responsible's reply may carry command lines (OpenERP 5.0, §7.3 of the
spec)::

    Set-State: close          draft|open|pending|close|cancel
    Set-Priority: 1           1 (Highest) .. 5 (Lowest)
    Set-Revenue: 5000         also Set-Cost, Set-Probability (floats)
    Set-Partner: a@b.com      the case's Partner Email
    Set-User: Bob             a user name (first name_search hit)
"""
import re

#: one command line; every matching line is removed from the stored text
COMMAND_LINE = re.compile(r'^Set-([a-z]+) *: *(.+)$', re.IGNORECASE | re.MULTILINE)
_COMMAND_LINE_END = re.compile(r'^Set-[a-z]+ *: *.+$(?:\r?\n)?', re.IGNORECASE | re.MULTILINE)
#: ``Set-State`` value -> crm.case method (5.0 had no ``case_draft``: draft means reset)
STATE_ACTIONS = {'draft': 'case_reset', 'open': 'case_open', 'pending': 'case_pending',
                 'close': 'case_close', 'done': 'case_close', 'cancel': 'case_cancel'}
#: the method a responsible's reply calls without ``Set-State`` (quirk 7 of the spec)
DEFAULT_USER_ACTION = 'case_pending'
#: the method a partner's (anyone else's) reply calls
PARTNER_ACTION = 'case_open'
_FLOAT_FIELDS = {'cost': 'planned_cost', 'revenue': 'planned_revenue', 'probability': 'probability'}
#: case priority -> the X-Priority header of the forward
X_PRIORITY = {'1': '1 (Highest)', '2': '2 (High)', '3': '3 (Normal)', '4': '4 (Low)', '5': '5 (Lowest)'}
#: 5.0's address extraction: a local part starting with a letter, a TLD of 2 letters or more (5.0 took 2-3)
_ADDRESS = re.compile(r'[A-Za-z][\w.+-]*@[\w.-]+\.[A-Za-z]{2,}\b')


def first_address(value):
    """Return the first email address found in a header value (5.0's extraction), or ''."""
    match = _ADDRESS.search(value or '')
    return match.group(0) if match else ''


def all_addresses(value):
    """Return every email address found in a header value, lower-cased, in order."""
    return [found.lower() for found in _ADDRESS.findall(value or '')]


def split_commands(body):
    """Return ``(text, commands)``: the body without its command lines, and ``[(name, value)]``.

    ``name`` is lower-cased (``state``, ``priority``, …), ``value``
    stripped; the text keeps every other line as written.
    """
    commands = [(name.lower(), value.strip()) for name, value in COMMAND_LINE.findall(body or '')]
    if not commands:
        return body or '', []
    text = _COMMAND_LINE_END.sub('', body)
    return text.strip('\n'), commands


def command_values(commands):
    """Return ``(action, values, user_name)`` for a responsible's reply.

    ``action`` is the crm.case method to call (``case_pending`` without a
    valid ``Set-State``); ``values`` the fields to write; ``user_name`` the
    ``Set-User`` name to look up (or None). A command with a value that
    cannot be read (``Set-Revenue: lots``) or an unknown command is
    ignored: the mail still lands on the case.
    """
    action, values, user_name = DEFAULT_USER_ACTION, {}, None
    for name, value in commands:
        if name == 'state':
            action = STATE_ACTIONS.get(value.lower(), action)
        elif name in _FLOAT_FIELDS:
            try:
                values[_FLOAT_FIELDS[name]] = float(value.replace(',', '.'))
            except ValueError:
                continue
        elif name == 'priority':
            if value in X_PRIORITY:
                values['priority'] = value
        elif name == 'partner':
            values['email_from'] = value[:128]
        elif name == 'user':
            user_name = value
    return action, values, user_name


def forward_recipients(case_emails, incoming_headers, exclude=()):
    """Return the addresses a message on a case is forwarded to, each once.

    ``case_emails`` is what ``crm.case.emails_get`` returns:
    ``(responsible email, partner email, watchers, priority)``. The
    responsible, the partner and every watcher, minus anyone already among
    ``incoming_headers`` (the From, To and Cc values of the message) and
    the ``exclude`` addresses (the gateway's own).
    """
    responsible, partner, watchers = (list(case_emails) + [False] * 3)[:3]
    candidates = [first_address(responsible or ''), first_address(partner or '')]
    candidates += [first_address(item) for item in (watchers or '').split(',')]
    present = set()
    for header in list(incoming_headers) + list(exclude):
        present.update(all_addresses(header or ''))
    recipients = []
    for address in candidates:
        if address and address.lower() not in present \
                and address.lower() not in [r.lower() for r in recipients]:
            recipients.append(address)
    return recipients
