"""Where mails go: Odoo's --smtp* flags, the config file, and servers that ask for a login."""
import pytest

from framework.config import Config
from framework.mail import MailDeliveryError, SmtpSessions, SmtpSettings, build_message, deliver


@pytest.fixture
def cfg(monkeypatch, tmp_path):
    for var in ('PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD'):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv('ODOO_RC', str(tmp_path / 'missing.rc'))
    monkeypatch.setenv('HOME', str(tmp_path / 'home'))
    return Config()


def test_defaults_are_a_local_relay(cfg):
    cfg.parse_args([])
    assert SmtpSettings.from_config(cfg) == SmtpSettings('localhost', 25, '', '', 'none')
    assert cfg['email_from'] is False


def test_flags(cfg):
    cfg.parse_args(['--smtp', 'mail.example.com', '--smtp-port', '587', '--smtp-user', 'crm',
                    '--smtp-password', 's3cret', '--smtp-ssl', '--email-from', 'CRM <crm@example.com>'])
    assert SmtpSettings.from_config(cfg) == SmtpSettings('mail.example.com', 587, 'crm', 's3cret', 'starttls')
    assert cfg['email_from'] == 'CRM <crm@example.com>'


def test_config_file_uses_odoo_names(cfg, tmp_path):
    rc = tmp_path / 'odoo.conf'
    rc.write_text('[options]\nsmtp_server = relay.example.com\nsmtp_port = 2525\n'
                  'smtp_ssl = True\nemail_from = crm@example.com\n')
    cfg.parse_args(['-c', str(rc)])
    assert (cfg['smtp_server'], cfg['smtp_port'], cfg['smtp_ssl'], cfg['email_from']) == \
        ('relay.example.com', 2525, True, 'crm@example.com')
    cfg.parse_args(['-c', str(rc), '--smtp-port', '26'])
    assert cfg['smtp_port'] == 26


def test_a_bad_port_is_one_sentence(cfg, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cfg.parse_args(['--smtp-port', 'twenty-five'])
    assert exit_info.value.code == 2
    assert '--smtp-port' in capsys.readouterr().err


def _message():
    return build_message('a@example.com', 'b@example.com', 'Login', body='x')


# aiosmtpd warns that AUTH without TLS is unsafe: this is a test server on loopback
@pytest.mark.filterwarnings('ignore:Requiring AUTH while not requiring TLS')
def test_a_server_that_asks_for_a_login_gets_it(make_smtp_sink):
    sink = make_smtp_sink(credentials=('crm', 's3cret'))
    good = SmtpSettings('127.0.0.1', sink.port, 'crm', 's3cret')
    with SmtpSessions() as sessions:
        assert deliver(sessions.get(good), _message(), good) == {}
    assert len(sink.received) == 1
