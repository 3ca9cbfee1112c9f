"""The clients of a load run: XML-RPC users doing a CRM mix, each keeping a ledger of what was acknowledged.

A client is a thread with its own ``xmlrpc.client`` proxies on one of the
servers. Until the deadline it draws actions from :data:`MIX`: the case
list (``search_read``), a case form (``read``), a new case (``create``),
the Open/Close buttons, logging a message (write the text, press
Historize) and mail through the gateway (``mail.thread.message_process``,
each message with its own Message-Id: a new request or a partner's reply
on one of the client's cases). Buttons, logs and replies touch only the
client's own cases, so the ledger can say what the database must hold;
the one exception is ``hot``: partners' replies to a few cases every
client shares (created by the run), where two transactions meet on one
row and the server's retry of serialization conflicts is exercised. A
reply always leaves its case open, so what a hot case must hold does not
depend on the order the clients' replies came in.

A fault that reports a serialization conflict or a deadlock (the server
retried it already, see ``framework.db.retry``, and gave up) is counted
and the request sent again: it is the one failure the run tolerates.
Every other fault or transport error is a failure; the case it was
about is then marked uncertain, since its write may or may not have
happened.

:func:`client_process` runs several client threads in one process (the
clients of a run are spread over a few processes so that the GIL of one
Python process does not become the bottleneck of the clients).
"""
import random
import resource
import threading
import time
import uuid
import xmlrpc.client

from . import ledger as ledgers

#: action -> weight: mostly reading, as people at a CRM do
MIX = {'list': 30, 'form': 25, 'create': 10, 'press': 15, 'log': 10, 'mail': 8, 'hot': 2}
LIST_FIELDS = ['name', 'state', 'priority', 'user_id', 'section_id', 'partner_id', 'date', 'date_deadline']
FORM_FIELDS = LIST_FIELDS + ['description', 'email_from', 'email_cc', 'categ_id', 'planned_revenue',
                             'probability', 'partner_address_id', 'canal_id', 'som', 'history_line', 'log_ids']
#: the section every case of the run belongs to (the gateway's default)
SECTION_CODE = 'support'
#: words of a fault that the server gave up retrying a concurrency conflict
CONFLICT_WORDS = ('could not serialize', 'deadlock detected')
#: times a client sends a conflicting request again before it counts as failed
MAX_RESENDS = 10


class Failure(Exception):
    """A request failed for another reason than a retried conflict."""


class Client:
    """One simulated user on ``url``: draws actions until the deadline; ``stats`` and ``ledger`` say what happened."""

    def __init__(self, url, dbname, tag, number, login='admin', password='admin', seed=None, hot=()):
        self.url, self.dbname, self.tag, self.number = url, dbname, tag, number
        self.hot = list(hot)       # ids of the cases every client replies to
        self.login, self.password = login, password
        self.random = random.Random(seed if seed is not None else number)
        self.ledger = ledgers.new_ledger()
        self.states = {}           # own case id -> state after its last acknowledged action
        self.latencies = {}        # action -> [seconds of each acknowledged request]
        self.conflicts = 0
        self.failures = []
        self.serial = 0
        self.listed = []           # ids of the last case list, the forms a user opens from it
        self.models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)

    # --- the loop ---------------------------------------------------------------------------
    def setup(self):
        """Log in and find the section (not timed)."""
        common = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common')
        self.uid = common.authenticate(self.dbname, self.login, self.password, {})
        if not self.uid:
            raise Failure('the login %r was refused on database %s' % (self.login, self.dbname))
        [self.section_id] = self.execute('crm.case.section', 'search', [[('code', '=', SECTION_CODE)]])

    def run(self, deadline):
        """Draw and do actions until ``time.time()`` passes ``deadline``."""
        actions, weights = list(MIX), list(MIX.values())
        # every action once first, so that even a short run exercises the whole mix
        first = self.random.sample(actions, len(actions))
        while time.time() < deadline:
            action = first.pop() if first else self.random.choices(actions, weights)[0]
            try:
                getattr(self, 'do_' + action)()
            except Failure as failure:
                self.failures.append('%s: %s' % (action, failure))

    # --- requests ---------------------------------------------------------------------------
    def execute(self, model, method, args, kwargs=None):
        """``execute_kw`` without timing (setup)."""
        return self.models.execute_kw(self.dbname, self.uid, self.password, model, method, args, kwargs or {})

    def request(self, kind, model, method, args, kwargs=None, case_id=None):
        """One timed ``execute_kw``; a conflict fault is counted and sent again; other errors raise ``Failure``."""
        for _ in range(MAX_RESENDS + 1):
            start = time.perf_counter()
            try:
                result = self.execute(model, method, args, kwargs)
            except xmlrpc.client.Fault as fault:
                if any(word in fault.faultString for word in CONFLICT_WORDS):
                    self.conflicts += 1
                    continue
                self._uncertain(case_id)
                raise Failure('%s.%s: %s' % (model, method, fault.faultString.strip().splitlines()[0])) from None
            except (OSError, xmlrpc.client.ProtocolError) as error:
                self._uncertain(case_id)
                raise Failure('%s.%s: %s' % (model, method, error)) from None
            self.latencies.setdefault(kind, []).append(time.perf_counter() - start)
            return result
        self._uncertain(case_id)
        raise Failure('%s.%s: still conflicting after %d resends' % (model, method, MAX_RESENDS))

    def _uncertain(self, case_id):
        if case_id is not None:
            self.ledger['uncertain'].append(case_id)
            self.states.pop(case_id, None)   # never touch it again: its state is unknown

    def acknowledged(self, case_id, action, text=None):
        ledgers.record(self.ledger, case_id, action, text)
        self.states[case_id] = ledgers.STATE_AFTER.get(action, self.states.get(case_id))

    def unique(self, what):
        self.serial += 1
        return '%s %s c%d-%d' % (self.tag, what, self.number, self.serial)

    def own_case(self):
        return self.random.choice(sorted(self.states)) if self.states else None

    # --- the actions ------------------------------------------------------------------------
    def do_list(self):
        rows = self.request('list', 'crm.case', 'search_read', [[('section_id', '=', self.section_id)]],
                            {'fields': LIST_FIELDS, 'limit': 80, 'order': 'id desc'})
        self.listed = [row['id'] for row in rows]

    def do_form(self):
        choices = self.listed + sorted(self.states)
        if not choices:
            return self.do_list()
        self.request('form', 'crm.case', 'read', [[self.random.choice(choices)]], {'fields': FORM_FIELDS})

    def do_create(self):
        name = self.unique('case')
        case_id = self.request('create', 'crm.case', 'create', [{
            'name': name, 'section_id': self.section_id, 'priority': str(self.random.randint(1, 5)),
            'email_from': 'customer%d@example.com' % self.number, 'description': 'Please call back: ' + name,
            'planned_revenue': float(self.random.randint(0, 50)) * 100,
        }])
        self.acknowledged(case_id, 'create')

    def do_press(self):
        case_id = self.own_case()
        if case_id is None:
            return self.do_create()
        action = 'close' if self.states[case_id] == 'open' else 'open'
        self.request('press', 'crm.case', 'case_' + action, [[case_id]], case_id=case_id)
        self.acknowledged(case_id, action)

    def do_log(self):
        case_id = self.own_case()
        if case_id is None:
            return self.do_create()
        text = self.unique('note')
        self.request('log', 'crm.case', 'write', [[case_id], {'description': text}], case_id=case_id)
        self.request('log', 'crm.case', 'case_log', [[case_id]], case_id=case_id)
        self.acknowledged(case_id, 'log', text)

    def do_mail(self):
        case_id = self.own_case() if self.random.random() < 0.5 else None
        answered, text = self._deliver('mail', case_id)
        self.acknowledged(answered, 'mail_reply' if case_id else 'mail_new', text)

    def do_hot(self):
        if not self.hot:
            return self.do_mail()
        case_id = self.random.choice(self.hot)
        answered, text = self._deliver('hot', case_id)
        ledgers.record(self.ledger, answered, 'mail_reply', text)   # not an own case: no state kept

    def _deliver(self, kind, case_id):
        """Send a new request (``case_id`` None) or a reply to ``case_id`` through the gateway.

        Returns ``(case id the server answered, the message's unique text)``.
        """
        text = self.unique('mail')
        message_id = '<%s.c%d@load.example.com>' % (uuid.uuid4().hex, self.number)
        subject = ('Re: [%d] %s' % (case_id, text)) if case_id else text
        raw = ('From: Customer %d <customer%d@example.com>\r\nTo: support@yourcompany.com\r\n'
               'Subject: %s\r\nMessage-Id: %s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
               'Hello, about %s: the printer is still broken.\r\n'
               % (self.number, self.number, subject, message_id, text))
        answered = self.request(kind, 'mail.thread', 'message_process', ['crm.case', raw],
                                {'custom_values': {'section_id': SECTION_CODE}}, case_id=case_id)
        if case_id is not None and answered != case_id:
            self._uncertain(case_id)
            self._uncertain(answered)
            raise Failure('the reply %s to case %d went to case %r' % (message_id, case_id, answered))
        self.ledger['messages'][message_id] = answered
        return answered, text

    def result(self):
        """What this client did, as plain data."""
        return {'latencies': self.latencies, 'conflicts': self.conflicts,
                'failures': self.failures, 'ledger': self.ledger}


def client_process(urls, dbname, tag, numbers, start_at, duration, hot=()):
    """Run clients ``numbers`` as threads (client n on ``urls[n % len(urls)]``); return their results.

    ``hot`` are the ids of the cases every client replies to.

    All start at ``start_at`` (``time.time()``) and stop ``duration``
    seconds later (later, when this process was not ready in time). The
    result also carries the CPU seconds this process used while its
    clients ran, and when they started and ended.
    """
    clients = [Client(urls[n % len(urls)], dbname, tag, n, hot=hot) for n in numbers]
    setup_errors = []
    for client in clients:
        try:
            client.setup()
        except Exception as error:   # a client that cannot even log in: report it, do not hang
            setup_errors.append('client %d setup: %s' % (client.number, error))
    if setup_errors:
        return {'clients': [], 'setup_errors': setup_errors, 'cpu': 0.0, 'started': time.time(),
                'ended': time.time()}
    time.sleep(max(0.0, start_at - time.time()))  # start together, whatever each process's start-up took
    started, cpu_before = time.time(), _cpu_seconds()
    deadline = started + duration
    threads = [threading.Thread(target=client.run, args=(deadline,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {'clients': [client.result() for client in clients], 'setup_errors': [],
            'cpu': _cpu_seconds() - cpu_before, 'started': started, 'ended': time.time()}


def _cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
