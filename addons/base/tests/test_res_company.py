"""Companies, their currency and the menus that reach them."""


def test_main_company_is_my_company_in_euro(env):
    company = env.ref('base.main_company')
    assert company.name == 'My Company'
    assert company.partner_id == env.ref('base.main_partner')
    assert company.currency_id == env.ref('base.EUR')
    assert env.ref('base.user_admin').company_id == company


def test_new_company_gets_its_own_partner(env):
    company = env['res.company'].create([{'name': 'Tiny Subsidiary'}])
    assert company.partner_id.name == 'Tiny Subsidiary'
    assert company.currency_id == env.ref('base.EUR')


def test_currency_rounds_and_places_its_symbol(env):
    assert env.ref('base.EUR').format_amount(1234.567) == '1234.57 €'
    assert env.ref('base.USD').format_amount(3) == '$ 3.00'


def test_menu_shows_its_full_path(env):
    menu = env.ref('base.menu_partner_category_form')
    assert menu.complete_name == 'Partners/Configuration/Partner Categories'
    assert menu.action == env.ref('base.action_partner_category_form')
