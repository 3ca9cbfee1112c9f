"""The queue job: a scheduled action that sends the queue, woken up by every new mail."""
import datetime
import os
import subprocess
import sys

import pytest

from framework.config import ROOT, config


def test_the_queue_job_is_installed_with_base(env):
    cron = env.ref('base.ir_cron_mail_scheduler')
    assert (cron.name, cron.model, cron.function, cron.args) == \
        ('Mail: Email Queue Manager', 'mail.mail', 'process_email_queue', '()')
    assert (cron.interval_number, cron.interval_type, cron.numbercall) == (1, 'minutes', -1)
    assert cron.user_id == env.ref('base.user_root') and cron.active


def test_queueing_a_mail_triggers_the_queue_job(env):
    cron = env.ref('base.ir_cron_mail_scheduler')
    triggers = env['ir.cron.trigger'].search([('cron_id', '=', cron.id)])
    env['mail.mail'].create({'email_to': 'a@example.com', 'subject': 'x', 'body': 'y'})
    added = env['ir.cron.trigger'].search([('cron_id', '=', cron.id)]) - triggers
    assert len(added) == 1


def test_odoo_bin_cron_sends_the_committed_queue_with_the_smtp_flags(mail_db, smtp_sink, pg_server,
                                                                    monkeypatch):
    """What a system timer runs: ``odoo-bin cron -d DB --smtp HOST --smtp-port PORT --email-from ...``."""
    if not os.path.exists(os.path.join(ROOT, 'framework', 'cli', 'cron.py')):
        pytest.skip('odoo-bin cron does not exist yet')
    monkeypatch.setitem(config.options, 'email_from', False)  # the sender comes from the flag
    mail_id = mail_db.queue(email_to='a@example.com', subject='By the scheduler', body='y')

    def later(env):
        # the job itself is not due: only the trigger of the new mail makes it run
        env.ref('base.ir_cron_mail_scheduler').write(
            {'nextcall': datetime.datetime.utcnow() + datetime.timedelta(hours=1)})
    mail_db.run(later)
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432)]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, 'odoo-bin'), 'cron', '-d', mail_db.name, *flags,
         '--smtp', '127.0.0.1', '--smtp-port', str(smtp_sink.port), '--email-from', 'Timer <timer@example.com>'],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env=dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc')))
    assert result.returncode == 0, result.stderr
    [(sender, _recipients, message)] = smtp_sink.received
    assert message['Subject'] == 'By the scheduler' and sender == 'timer@example.com'
    assert mail_db.read(mail_id, 'state')['state'] == 'sent'
