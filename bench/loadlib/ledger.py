"""The ledger of a load run: every write the server acknowledged, and its check against the database.

A client writes only on the cases it created itself, one request at a
time, so the last acknowledged action on a case is its final state and
the log lines a case holds are exactly those its acknowledged actions
made. The run's few hot cases, which every client replies to, take only
replies after their creation (each leaves the case open), so their
lines and state do not depend on the order the replies came in. The ledger is plain dicts and lists (it travels back from the
client processes by pickling); :func:`merge` adds the clients' ledgers
up and :func:`verify` returns every discrepancy with the database as a
sentence (none means every acknowledged write is there, and nothing else).
"""
from collections import Counter

#: the log lines (``crm.case.log``, history lines included) each acknowledged action leaves on its case
LOG_LINES = {
    'create': {},
    'open': {'Open': 1},
    'close': {'Close': 1},
    'log': {'Historize': 1},
    # the gateway: a new message opens the case and stores the message as a history line
    'mail_new': {'Open': 1, False: 1},
    # a partner's reply presses Open and stores the reply as a history line
    'mail_reply': {'Open': 1, False: 1},
}
#: the state an action leaves its case in
STATE_AFTER = {'create': 'draft', 'open': 'open', 'close': 'done', 'mail_new': 'open', 'mail_reply': 'open'}


def new_ledger():
    """An empty ledger."""
    return {
        'actions': {},     # case id -> [action, ...] acknowledged, in order
        'texts': {},       # case id -> [unique text of a message or log, ...]
        'messages': {},    # Message-Id -> case id the gateway answered
        'uncertain': [],   # case ids a failed (unacknowledged) write may or may not have touched
    }


def record(ledger, case_id, action, text=None):
    """Note that the server acknowledged ``action`` on case ``case_id`` (with its unique ``text``)."""
    ledger['actions'].setdefault(case_id, []).append(action)
    if text:
        ledger['texts'].setdefault(case_id, []).append(text)


def merge(ledgers):
    """One ledger out of the run's and the clients' ledgers, in that order (actions on a shared case add up)."""
    total = new_ledger()
    for ledger in ledgers:
        for key in ('actions', 'texts', 'messages'):
            for name, value in ledger[key].items():
                if name in total[key] and key != 'messages':
                    total[key][name] = total[key][name] + value
                else:
                    total[key][name] = value
        total['uncertain'] += ledger['uncertain']
    return total


def expected_state(actions):
    """The state a case is in after ``actions`` (its last state-changing action wins)."""
    state = None
    for action in actions:
        state = STATE_AFTER.get(action, state)
    return state


def expected_log_lines(actions):
    """``Counter({log line name: count})`` the case's acknowledged ``actions`` leave."""
    lines = Counter()
    for action in actions:
        lines.update(LOG_LINES[action])
    return lines


def verify(env, ledger, tag):
    """Return the discrepancies between ``ledger`` and the database of ``env`` (a superuser env).

    ``tag`` is in the name of every case the run created: cases carrying it
    that no acknowledged write created are discrepancies too.
    """
    problems = []
    Case = env['crm.case'].with_context(active_test=False)
    acknowledged = set(ledger['actions'])
    stored = {row['id']: row for row in Case.search_read([('name', 'like', tag)], ['state'])}
    missing = sorted(acknowledged - set(stored))
    if missing:
        problems.append('%d acknowledged cases are missing from the database (ids %s)'
                        % (len(missing), missing[:10]))
    unexpected = sorted(set(stored) - acknowledged - set(ledger['uncertain']))
    if unexpected:
        problems.append('%d cases of the run were never acknowledged (ids %s)' % (len(unexpected), unexpected[:10]))
    lines = {}
    for row in env['crm.case.log'].search_read([('case_id', 'in', sorted(acknowledged))], ['case_id', 'name']):
        lines.setdefault(row['case_id'][0], Counter())[row['name']] += 1
    texts = {}
    for row in env['crm.case.history'].search_read([('case_id', 'in', sorted(acknowledged))],
                                                   ['case_id', 'description']):
        texts.setdefault(row['case_id'][0], []).append(row['description'] or '')
    wrong_state, wrong_lines, lost_texts = [], [], []
    for case_id, actions in ledger['actions'].items():
        if case_id not in stored or case_id in ledger['uncertain']:
            continue
        if stored[case_id]['state'] != expected_state(actions):
            wrong_state.append((case_id, expected_state(actions), stored[case_id]['state']))
        if lines.get(case_id, Counter()) != expected_log_lines(actions):
            wrong_lines.append((case_id, dict(expected_log_lines(actions)), dict(lines.get(case_id, {}))))
        found = '\n'.join(texts.get(case_id, []))
        lost_texts += [(case_id, text) for text in ledger['texts'].get(case_id, []) if text not in found]
    if wrong_state:
        problems.append('%d cases are not in the state of their last acknowledged action '
                        '(case, expected, found: %s)' % (len(wrong_state), wrong_state[:5]))
    if wrong_lines:
        problems.append('%d cases do not have exactly the log lines of their acknowledged actions '
                        '(case, expected, found: %s)' % (len(wrong_lines), wrong_lines[:5]))
    if lost_texts:
        problems.append('%d acknowledged messages are missing from their case (%s)'
                        % (len(lost_texts), lost_texts[:5]))
    problems += _verify_messages(env, ledger)
    return problems


def _verify_messages(env, ledger):
    """Each acknowledged gateway delivery is recorded once, on the case the server answered."""
    if not ledger['messages']:
        return []
    rows = env['mail.gateway.message'].sudo().search_read(
        [('message_id', 'in', sorted(ledger['messages']))], ['message_id', 'res_id'])
    seen = Counter(row['message_id'] for row in rows)
    where = {row['message_id']: row['res_id'] for row in rows}
    problems = []
    lost = [mid for mid in ledger['messages'] if seen[mid] != 1]
    if lost:
        problems.append('%d acknowledged deliveries are not recorded exactly once (%s)' % (len(lost), lost[:5]))
    moved = [(mid, case_id, where[mid]) for mid, case_id in ledger['messages'].items()
             if mid in where and where[mid] != case_id]
    if moved:
        problems.append('%d deliveries are recorded on another case than acknowledged (%s)'
                        % (len(moved), moved[:5]))
    return problems
