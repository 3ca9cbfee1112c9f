"""The WSGI application's first pages, through werkzeug's test client."""
import pytest
from werkzeug.test import Client

from framework.config import config
from framework.db import db_connect
from framework.service.wsgi import application


@pytest.fixture
def serving(monkeypatch):
    """Set the database the application serves for one test."""
    def use(dbname):
        monkeypatch.setitem(config.options, 'db_name', dbname)
    return use


def test_version_info_is_json():
    response = Client(application).get('/web/webclient/version_info')
    assert response.status_code == 200 and response.mimetype == 'application/json'
    assert set(response.json) == {'server_version', 'server_version_info', 'server_serie', 'protocol_version'}


def test_home_page_without_database(serving):
    serving(False)
    page = Client(application).get('/').get_data(as_text=True)
    assert 'server is running' in page and 'No database selected' in page


def test_home_page_lists_installed_modules(serving, fresh_db):
    name = fresh_db(empty=True)
    serving(name)
    assert 'Installed modules: none yet.' in Client(application).get('/').get_data(as_text=True)
    with db_connect(name).cursor() as cr:
        cr.execute("CREATE TABLE ir_module_module (name varchar, state varchar)")
        cr.execute("INSERT INTO ir_module_module VALUES ('base', 'installed'), ('crm', 'uninstalled')")
    page = Client(application).get('/').get_data(as_text=True)
    assert 'Installed modules: base.' in page and name in page


def test_unknown_url_is_404():
    assert Client(application).get('/nowhere').status_code == 404
