"""The web client in the user's language: its own words from i18n/<lang>.po, the server's labels with lang."""
import os
import uuid

from framework.i18n.po import read_po
from framework.web.translations import I18N, catalog, extract_terms

from .browser import login, wait_idle
from tests.installed import run_committed


def _entries(name):
    path = os.path.join(I18N, name)
    with open(path, 'rb') as handle:
        return read_po(handle, path)


def test_the_template_holds_exactly_the_words_of_the_client():
    terms = extract_terms()
    assert 'New' in terms and 'Filters' in terms and 'Group By' in terms
    assert {entry.source for entry in _entries('web.pot')} == set(terms), \
        "i18n/web.pot is out of date: run 'python -m framework.web.translations'"


def test_french_translates_every_word_of_the_client():
    terms = set(extract_terms())
    french = {entry.source: entry.translation for entry in _entries('fr.po')}
    assert set(french) == terms
    assert not sorted(term for term, translation in french.items() if not translation.strip())
    # a sentence keeps its placeholders, so the client can fill them in
    assert all(french[term].count('%s') == term.count('%s') for term in terms)
    assert french['New'] == 'Nouveau' and french['Save'] == 'Enregistrer' and french['Edit'] == 'Modifier'
    assert french['Filters'] == 'Filtres' and french['Group By'] == 'Regrouper par'


def test_catalog_of_a_language():
    assert catalog('en_US') == {}
    assert catalog('xx_XX') == {}
    assert catalog('../etc') == {}
    assert catalog('fr_FR')['Discard'] == 'Annuler'


def _french_user(web_db):
    """Login of a user with admin's groups whose language is French (French loaded and committed first)."""
    from addons.base.password import hash_password
    from framework.i18n.languages import load_language
    login_name = 'fr_%s' % uuid.uuid4().hex[:6]

    def work(env):
        load_language(env, 'fr_FR')
        admin = env.ref('base.user_admin')
        env['res.users'].create({'name': 'Utilisateur français', 'login': login_name,
                                 'password': hash_password('pw', rounds=1000), 'lang': 'fr_FR',
                                 'groups_id': [(6, 0, admin.groups_id.ids)]})
    run_committed(web_db, work)
    return login_name


def test_a_french_user_sees_the_client_in_french(page, web_server, web_db, screenshot):
    login(page, web_server, web_db, login=_french_user(web_db), password='pw')
    assert page.locator('html').get_attribute('lang') == 'fr-FR'
    # menus come translated by the server (base's French)
    assert page.locator('a.o_menu_top[data-menu-xmlid="base.menu_base_partner"]').inner_text() == 'Partenaires'

    page.goto(f'{web_server}/web#action=crm.crm_case_categ0-act')
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    assert page.locator('button.o_button_create').inner_text() == 'Nouveau'
    assert page.locator('button.o_button_import').inner_text() == 'Importer'
    assert page.locator('button.o_filters_toggle').inner_text() == 'Filtres'
    assert page.locator('button.o_groupby_toggle').inner_text() == 'Regrouper par'
    assert page.locator('input.o_searchview_input').get_attribute('placeholder') == 'Rechercher…'
    screenshot(page, 'cases-list-french')

    # field labels: every call carries lang, so the server answers in French
    page.goto(f'{web_server}/web#model=res.partner&view_type=list')
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    assert page.locator('th[data-name=name]').inner_text() == 'Nom'

    page.locator('tr.o_data_row').first.click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view')
    assert page.locator('button.o_form_button_edit').inner_text() == 'Modifier'
    page.locator('button.o_form_button_edit').click()
    assert page.locator('button.o_form_button_save').inner_text() == 'Enregistrer'
    assert page.locator('button.o_form_button_discard').inner_text() == 'Annuler'
