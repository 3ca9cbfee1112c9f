"""The FTP server (spec §12.5) through the standard library's ftplib against a real pyftpdlib
server: logins, the tree as each user may see it, uploads and downloads as attachments."""
import ftplib
import io

import pytest

from tests.installed import rolled_back_env
from tests.processes import flags  # noqa: F401 (a fixture)

from .ftp_world import OPEN, SECRET, ftp_world


@pytest.fixture(scope='module')
def world(template_db):
    with ftp_world(template_db, 'docftp') as world:
        yield world


def _stor(client, name, content):
    return client.storbinary('STOR ' + name, io.BytesIO(content))


def _retr(client, name):
    chunks = []
    client.retrbinary('RETR ' + name, chunks.append)
    return b''.join(chunks)


def test_root_lists_the_databases_and_a_database_its_root_directories(world):
    with world.connect() as client:
        assert client.nlst('/') == [world.dbname]
        names = client.nlst(world.path())
        assert 'Documents' in names and 'Partners' in names


def test_upload_into_a_partner_folder_attaches_the_file_to_the_partner(world):
    with world.connect() as client:
        client.cwd(world.path('Partners', OPEN))
        reply = _stor(client, 'offer.txt', b'a turbine offer')
        assert reply.startswith('226')
        lines = []
        client.retrlines('LIST', lines.append)
        assert any(line.endswith(' offer.txt') and ' 15 ' in line for line in lines)
        assert 'offer.txt' in client.nlst()
        assert _retr(client, 'offer.txt') == b'a turbine offer'
    with rolled_back_env(world.dbname) as env:
        offer = env['ir.attachment'].search([('name', '=', 'offer.txt')])
        assert (offer.res_model, offer.res_id) == ('res.partner', world.open_id)
        assert offer.parent_id == env.ref('document.dir_partner')
        assert offer.partner_id.id == world.open_id and offer.title == OPEN
        assert offer.user_id == env.ref('base.user_admin')
        assert offer.raw == b'a turbine offer'


def test_uploading_the_same_name_again_overwrites_the_file(world):
    with world.connect() as client:
        client.cwd(world.path('Partners', OPEN))
        _stor(client, 'price.txt', b'100')
        _stor(client, 'price.txt', b'120')
        assert _retr(client, 'price.txt') == b'120'
    with rolled_back_env(world.dbname) as env:
        assert env['ir.attachment'].search_count([('name', '=', 'price.txt')]) == 1


def test_a_user_does_not_see_a_partner_a_record_rule_hides(world):
    with world.connect() as client:
        client.cwd(world.path('Partners', SECRET))
        _stor(client, 'plans.txt', b'secret plans')
        assert 'plans.txt' in client.nlst()
    with world.connect('demo', 'demo') as client:
        partners = client.nlst(world.path('Partners'))
        assert OPEN in partners and SECRET not in partners
        with pytest.raises(ftplib.error_perm, match='^550 Not such file or directory'):
            client.cwd(world.path('Partners', SECRET))
        with pytest.raises(ftplib.error_perm, match='^550'):
            _retr(client, world.path('Partners', SECRET, 'plans.txt'))
        with pytest.raises(ftplib.error_perm, match='^550'):
            _stor(client, world.path('Partners', SECRET, 'more.txt'), b'x')
    with rolled_back_env(world.dbname) as env:
        assert not env['ir.attachment'].search([('name', '=', 'more.txt')])


def test_a_user_sees_the_partners_he_may_read(world):
    with world.connect('demo', 'demo') as client:
        client.cwd(world.path('Partners', OPEN))
        _stor(client, 'demo-note.txt', b'from demo')
        assert _retr(client, 'demo-note.txt') == b'from demo'
    with rolled_back_env(world.dbname) as env:
        note = env['ir.attachment'].search([('name', '=', 'demo-note.txt')])
        assert note.user_id == env.ref('base.user_demo') and note.res_id == world.open_id


def test_a_wrong_password_is_refused(world):
    client = ftplib.FTP()
    client.connect(world.host, world.port, timeout=30)
    with pytest.raises(ftplib.error_perm, match='^530'):
        client.login('admin', 'not the password')
    client.close()
    with pytest.raises(ftplib.error_perm, match='^530'):
        world.connect('nobody', 'admin')


def test_directories_are_made_filled_and_removed(world):
    with world.connect() as client:
        client.cwd(world.path('Documents'))
        client.mkd('Minutes')
        client.cwd('Minutes')
        _stor(client, 'board.txt', b'we met')
        with pytest.raises(ftplib.error_perm, match='^550 Directory not empty.'):
            client.rmd(world.path('Documents', 'Minutes'))
        with rolled_back_env(world.dbname) as env:
            board = env['ir.attachment'].search([('name', '=', 'board.txt')])
            assert board.parent_id.name == 'Minutes' and not board.res_model
            assert board.parent_id.parent_id == env.ref('document.dir_root')
        client.delete('board.txt')
        client.cwd('..')
        client.rmd('Minutes')
        assert 'Minutes' not in client.nlst()
    with rolled_back_env(world.dbname) as env:
        assert not env['document.directory'].search([('name', '=', 'Minutes')])
        assert not env['ir.attachment'].search([('name', '=', 'board.txt')])


def test_what_the_tree_refuses(world):
    with world.connect() as client:
        with pytest.raises(ftplib.error_perm, match='^550 Operation not permited.'):
            client.mkd(world.path('Partners', 'New partner'))
        with pytest.raises(ftplib.error_perm, match='^550 Operation not permited.'):
            _stor(client, world.path('Partners', 'loose.txt'), b'x')
        with pytest.raises(ftplib.error_perm, match='^550 Operation not permited.'):
            client.rmd(world.path('Partners'))
        with pytest.raises(ftplib.error_perm, match='^550 Not such file or directory.'):
            client.cwd(world.path('No such directory'))
        with pytest.raises(ftplib.error_perm, match='^550 Not such file or directory.'):
            client.cwd('/no_such_database')
        with pytest.raises(ftplib.error_perm, match='^550'):
            client.mkd(world.path('Bad/Name'))
        with pytest.raises(ftplib.error_perm, match='^550 Directory name contains special characters.'):
            client.mkd(world.path('me@home'))


def test_a_refused_upload_leaves_nothing(world):
    with world.connect() as client:
        client.cwd(world.path('Documents'))
        client.mkd('Reports')
        with pytest.raises(ftplib.error_perm, match='^550 Operation not permited.'):
            _stor(client, 'Reports', b'a file over a directory')
        client.rmd('Reports')


def test_the_ftp_port_flag_starts_the_server_only_where_document_is_installed(world, work_db):
    import socket
    from addons.document.ftp.server import start_from_config
    from framework.config import config
    assert config.build_parser().parse_args(['--ftp-port', '2121']).ftp_port == 2121
    assert start_from_config({'ftp_port': False, 'db_name': world.dbname}) is None
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    # the session's working database has no document module: no server for it
    assert start_from_config({'ftp_port': port, 'db_name': work_db, 'http_interface': '127.0.0.1'}) is None
    server = start_from_config({'ftp_port': port, 'db_name': world.dbname, 'http_interface': '127.0.0.1'})
    try:
        assert server.address == ('127.0.0.1', port)
        with ftplib.FTP() as client:
            client.connect('127.0.0.1', port, timeout=30)
            client.login('admin', 'admin')
            assert client.nlst('/') == [world.dbname]
    finally:
        server.stop()


def _listener_pid(parent, port):
    """The pid of the child of ``parent`` that holds the socket listening on ``port`` (from /proc)."""
    import os
    import subprocess
    inodes = set()
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        with open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if int(fields[1].rsplit(':', 1)[1], 16) == port and fields[3] == '0A':   # 0A: LISTEN
                    inodes.add('socket:[%s]' % fields[9])
    children = subprocess.run(['pgrep', '-P', str(parent)], capture_output=True, text=True).stdout.split()
    for pid in children:
        folder = '/proc/%s/fd' % pid
        try:
            links = {os.readlink(os.path.join(folder, fd)) for fd in os.listdir(folder)}
        except OSError:
            continue     # gone meanwhile
        if links & inodes:
            return int(pid)
    return None


def test_prefork_serves_ftp_from_a_child_of_its_own_and_replaces_it(world, flags):
    import os
    import signal
    import time
    from tests.processes import free_port, serving_process
    port = free_port()
    with serving_process('--workers', '1', '--ftp-port', str(port), '-d', world.dbname, *flags) as (url, server):
        first = None
        deadline = time.monotonic() + 30
        while first is None:      # the FTP child binds its port a moment after the HTTP workers
            first = _listener_pid(server.pid, port)
            assert first or time.monotonic() < deadline, 'no child of the server listens on the FTP port'
            time.sleep(0.1)
        with ftplib.FTP() as client:
            client.connect('127.0.0.1', port, timeout=30)
            client.login('admin', 'admin')
            assert client.nlst('/') == [world.dbname]
        os.kill(first, signal.SIGKILL)
        second = None
        while second in (None, first):
            second = _listener_pid(server.pid, port)
            assert time.monotonic() < deadline + 30, 'the FTP child was not replaced'
            time.sleep(0.1)
        with ftplib.FTP() as client:
            client.connect('127.0.0.1', port, timeout=30)
            client.login('admin', 'admin')
            assert client.nlst('/') == [world.dbname]
