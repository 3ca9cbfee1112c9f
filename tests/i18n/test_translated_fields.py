"""Translated fields (``translate=True``): one value per language in a jsonb column."""
import pytest


@pytest.fixture
def category(env):
    return env['res.partner.category'].create({'name': 'Quokka Customer'})


def test_a_new_value_reads_the_same_in_every_language(env, category):
    assert category.with_context(lang='fr_FR').name == 'Quokka Customer'
    assert category.name == 'Quokka Customer'


def test_writing_in_french_keeps_the_english_value(env, category):
    category.with_context(lang='fr_FR').write({'name': 'Client'})
    assert category.with_context(lang='fr_FR').name == 'Client'
    assert category.with_context(lang='en_US').name == 'Quokka Customer'
    assert category.with_context(lang='de_DE').name == 'Quokka Customer'    # falls back on en_US
    env.cr.execute('SELECT name FROM res_partner_category WHERE id = %s', (category.id,))
    assert env.cr.fetchone()[0] == {'en_US': 'Quokka Customer', 'fr_FR': 'Client'}


def test_read_returns_the_language_of_the_context(env, category):
    category.with_context(lang='fr_FR').name = 'Client'
    assert category.with_context(lang='fr_FR').read(['name'])[0]['name'] == 'Client'
    assert category.read(['name'])[0]['name'] == 'Quokka Customer'


def test_search_and_order_compare_the_language_of_the_context(env, category):
    other = env['res.partner.category'].create({'name': 'Zebra'})
    category.with_context(lang='fr_FR').name = 'Aardvark'
    Category = env['res.partner.category']
    assert Category.with_context(lang='fr_FR').search([('name', '=', 'Aardvark')]) == category
    assert not Category.search([('name', '=', 'Aardvark')])
    assert Category.search([('name', 'ilike', 'quokka cust')]) == category
    # untranslated values are compared in English in every language
    assert Category.with_context(lang='fr_FR').search([('name', '=', 'Zebra')]) == other
    ids = [category.id, other.id]
    french = Category.with_context(lang='fr_FR').search([('id', 'in', ids)], order='name')
    english = Category.search([('id', 'in', ids)], order='name desc')
    assert french.ids == [category.id, other.id]
    assert english.ids == [other.id, category.id]


def test_creating_in_french_sets_english_too(env):
    record = env['res.partner.category'].with_context(lang='fr_FR').create({'name': 'Fournisseur'})
    assert record.with_context(lang='en_US').name == 'Fournisseur'


def test_clearing_a_translated_value_clears_every_language(env):
    title = env['res.partner.title'].create({'name': 'Doctor', 'shortcut': 'Dr.'})
    title.with_context(lang='fr_FR').shortcut = 'Dr'
    title.shortcut = False
    assert title.with_context(lang='fr_FR').shortcut is False
    assert title.shortcut is False


def test_a_text_column_becomes_jsonb_on_upgrade(env):
    from framework.orm.model_schema import SchemaSnapshot
    category = env['res.partner.category'].create({'name': 'Wholesaler'})
    env.flush_all()
    env.cr.execute("ALTER TABLE res_partner_category ALTER COLUMN name TYPE varchar "
                   "USING name->>'en_US'")
    name = 'Wholesaler'
    env.invalidate_all()
    env.registry['res.partner.category']._auto_init(SchemaSnapshot(env.cr))
    env.cr.execute('SELECT name FROM res_partner_category WHERE id = %s', (category.id,))
    assert env.cr.fetchone()[0] == {'en_US': name}
