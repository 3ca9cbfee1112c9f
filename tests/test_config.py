"""Configuration: defaults, flags, PG* variables, config file, --save."""
import os

import pytest

from framework.config import ROOT, Config


@pytest.fixture
def cfg(monkeypatch, tmp_path):
    """A fresh Config with no PG* variables and no user config file around."""
    for var in ('PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'XDG_DATA_HOME'):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv('ODOO_RC', str(tmp_path / 'missing.rc'))
    monkeypatch.setenv('HOME', str(tmp_path / 'home'))
    return Config()


def test_defaults(cfg, tmp_path):
    cfg.parse_args([])
    assert cfg['db_host'] is False and cfg['db_port'] is False
    assert cfg['db_user'] is False and cfg['db_password'] is False
    assert cfg['http_port'] == 8069 and cfg['http_interface'] == '127.0.0.1'
    assert cfg['addons_path'] == [os.path.join(ROOT, 'addons')]
    assert cfg['data_dir'] == str(tmp_path / 'home' / '.local' / 'share' / 'odoo-crm')
    assert cfg['admin_passwd'] == 'admin' and cfg['log_level'] == 'info'
    assert cfg['without_demo'] is False and cfg['stop_after_init'] is False
    assert cfg['init'] == [] and cfg['update'] == []
    assert cfg.use_embedded
    assert cfg.filestore('x') == os.path.join(cfg['data_dir'], 'filestore', 'x')


def test_xdg_data_home(cfg, monkeypatch, tmp_path):
    monkeypatch.setenv('XDG_DATA_HOME', str(tmp_path / 'xdg'))
    cfg.parse_args([])
    assert cfg['data_dir'] == str(tmp_path / 'xdg' / 'odoo-crm')


def test_flags(cfg, tmp_path):
    extra = tmp_path / 'more'
    extra.mkdir()
    cfg.parse_args(['-d', 'crm', '-i', 'base,crm', '-u', 'sale', '--stop-after-init',
                    '--addons-path', str(extra), '--data-dir', str(tmp_path / 'd'),
                    '--db_host', 'db.example', '--db_port', '5433', '--db_user', 'u',
                    '--db_password', 'p', '--without-demo', '--http-port', '9000',
                    '--http-interface', '0.0.0.0', '--log-level', 'debug'])
    assert cfg['db_name'] == 'crm'
    assert cfg['init'] == ['base', 'crm'] and cfg['update'] == ['sale']
    assert cfg['stop_after_init'] is True and cfg['without_demo'] is True
    assert cfg['addons_path'] == [os.path.join(ROOT, 'addons'), str(extra)]
    assert cfg['data_dir'] == str(tmp_path / 'd')
    assert (cfg['db_host'], cfg['db_port'], cfg['db_user'], cfg['db_password']) == ('db.example', 5433, 'u', 'p')
    assert (cfg['http_port'], cfg['http_interface'], cfg['log_level']) == (9000, '0.0.0.0', 'debug')
    assert not cfg.use_embedded


def test_long_flag_names(cfg):
    cfg.parse_args(['--database', 'x', '--init', 'base', '--update', 'all'])
    assert (cfg['db_name'], cfg['init'], cfg['update']) == ('x', ['base'], ['all'])


def test_pg_environment_variables(cfg, monkeypatch):
    monkeypatch.setenv('PGHOST', '/run/pg')
    monkeypatch.setenv('PGPORT', '5444')
    monkeypatch.setenv('PGUSER', 'me')
    monkeypatch.setenv('PGPASSWORD', 'secret')
    cfg.parse_args([])
    assert (cfg['db_host'], cfg['db_port'], cfg['db_user'], cfg['db_password']) == ('/run/pg', 5444, 'me', 'secret')
    assert not cfg.use_embedded
    cfg.parse_args(['--db_user', 'other'])
    assert cfg['db_user'] == 'other'


def test_config_file(cfg, tmp_path, monkeypatch):
    monkeypatch.setenv('PGUSER', 'from_env')
    extra = tmp_path / 'extra'
    extra.mkdir()
    rc = tmp_path / 'odoo.conf'
    rc.write_text(f"[options]\ndb_host = False\ndb_user = from_file\nhttp_port = 8070\n"
                  f"without_demo = True\naddons_path = {extra}\ndb_name = filedb\n")
    cfg.parse_args(['-c', str(rc)])
    assert cfg['db_user'] == 'from_file'
    assert cfg['db_host'] is False and cfg.use_embedded
    assert cfg['http_port'] == 8070 and cfg['without_demo'] is True
    assert cfg['addons_path'] == [os.path.join(ROOT, 'addons'), str(extra)]
    assert cfg['db_name'] == 'filedb'
    cfg.parse_args(['-c', str(rc), '--http-port', '8071', '-d', 'flagdb'])
    assert cfg['http_port'] == 8071 and cfg['db_name'] == 'flagdb'


def test_save_writes_a_file_that_reads_back(cfg, tmp_path):
    rc = tmp_path / 'conf' / 'saved.conf'
    cfg.parse_args(['-c', str(rc), '-s', '--db_host', 'h', '--db_port', '5555',
                    '--http-port', '8099', '-i', 'base', '--without-demo'])
    text = rc.read_text()
    assert text.startswith('[options]')
    assert 'init' not in text  # what to install is a per-run decision
    assert oct(rc.stat().st_mode & 0o777) == '0o600'
    other = Config()
    other.parse_args(['-c', str(rc)])
    assert (other['db_host'], other['db_port'], other['http_port'], other['without_demo']) == \
        ('h', 5555, 8099, True)
    assert other['init'] == []


def test_bad_flag_exits_2_with_one_line(cfg, capsys):
    with pytest.raises(SystemExit) as info:
        cfg.parse_args(['--bogus'])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and '--bogus' in err


@pytest.mark.parametrize('argv, words', [
    (['--http-port', 'abc'], 'invalid int value'),
    (['--log-level', 'loud'], 'invalid choice'),
    (['-c', '/nonexistent/odoo.conf'], 'cannot read config file /nonexistent/odoo.conf'),
    (['--addons-path', '/nonexistent/addons'], 'addons path /nonexistent/addons is not a folder'),
])
def test_bad_values_exit_2_with_one_line(cfg, capsys, argv, words):
    with pytest.raises(SystemExit) as info:
        cfg.parse_args(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and words in err
