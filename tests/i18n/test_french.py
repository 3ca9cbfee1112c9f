"""The French translation of base: labels, selections, menus and messages in the user's language."""
import io

import pytest

from framework.exceptions import ValidationError
from framework.i18n import catalog
from framework.i18n.arch import arch_terms, translate_arch
from framework.i18n.languages import load_language
from framework.i18n.po import read_po, write_po
from framework.i18n.export import collect_entries
from framework.i18n.importer import import_entries


@pytest.fixture
def french(env):
    load_language(env, 'fr_FR')
    return env(context={'lang': 'fr_FR'}) if callable(env) else env


def fr(env):
    return env['res.partner'].with_context(lang='fr_FR').env


def test_load_language_activates_french(env, french):
    lang = env['res.lang'].with_context(active_test=False).search([('code', '=', 'fr_FR')])
    assert lang.active and lang.name == 'French (France) / Français (France)'
    assert lang.decimal_point == ','


def test_fields_get_in_french_gives_french_labels(env, french):
    partner = env['res.partner'].with_context(lang='fr_FR')
    fields = partner.fields_get(['name', 'email', 'customer'], ['string', 'help', 'selection'])
    assert fields['name']['string'] == 'Nom'
    assert fields['customer']['string'] == 'Client'
    assert fields['customer']['help'] == 'Cochez cette case si le partenaire est un client.'
    address = env['res.partner.address'].with_context(lang='fr_FR')
    selection = address.fields_get(['type'], ['selection'])['type']['selection']
    assert dict(selection)['invoice'] == 'Facturation'
    english = env['res.partner'].fields_get(['name'], ['string'])
    assert english['name']['string'] == 'Name'


def test_model_and_menu_names_in_french(env, french):
    from framework.i18n.labels import model_description
    assert model_description(fr(env), 'res.partner') == 'Partenaire'
    assert model_description(fr(env), 'res.company') == 'Sociétés'
    assert model_description(env, 'res.users') == 'Users'
    menu = env.ref('base.menu_administration', raise_if_not_found=False)
    if menu:
        assert menu.with_context(lang='fr_FR').name == 'Administration'
    country = env.ref('base.de').with_context(lang='fr_FR')
    assert country.name == 'Allemagne'


def test_validation_error_from_underscore_is_in_french(env, french):
    company = env.ref('base.main_company')
    child = env['res.company'].create({'name': 'Filiale', 'parent_id': company.id})
    with pytest.raises(ValidationError) as error:
        company.with_context(lang='fr_FR').write({'parent_id': child.id})
    assert str(error.value) == 'Erreur ! Vous ne pouvez pas créer de sociétés récursives.'
    with pytest.raises(ValidationError) as error:
        company.write({'parent_id': child.id})
    assert str(error.value) == 'Error! You can not create recursive companies.'


def test_required_field_message_follows_the_request_language(env):
    from framework.i18n.context import request_lang
    with request_lang('fr_FR'), pytest.raises(ValidationError) as error:
        env['res.partner.category'].create({'name': False})
    assert str(error.value).startswith('Le champ « ')


def test_pot_export_then_po_import_roundtrip(env):
    entries = collect_entries(env, ['base'])
    by_source = {e.source: e for e in entries}
    assert ('model:ir.model.fields,field_description:base.field_res_partner__name', None) \
        in by_source['Name'].occurrences
    assert any(loc == 'code:addons/base/models/res_company.py' and line
               for loc, line in by_source['Error! You can not create recursive companies.'].occurrences)
    pot = io.BytesIO()
    write_po(pot, entries)
    text = pot.getvalue().decode()
    assert '#. module: base\n' in text
    assert '#: model:ir.model,name:base.model_res_partner\n' in text
    # a translator fills the template in Italian
    entries = read_po(io.BytesIO(pot.getvalue()))
    for entry in entries:
        if entry.source == 'Partner':
            entry.translation = 'Partner (it)'
        if entry.source == 'Phone':
            entry.translation = 'Telefono'
    po = io.BytesIO()
    write_po(po, entries, lang='it_IT')
    result = import_entries(env, read_po(io.BytesIO(po.getvalue())), 'it_IT')
    assert result.model > 0
    partner = env['res.partner.address'].with_context(lang='it_IT')
    assert partner.fields_get(['phone'], ['string'])['phone']['string'] == 'Telefono'
    again = {e.source: e.translation for e in collect_entries(env, ['base'], 'it_IT')}
    assert again['Phone'] == 'Telefono' and again['Partner'] == 'Partner (it)'
    # without overwrite an existing translation stays
    entries = [e for e in read_po(io.BytesIO(po.getvalue())) if e.source == 'Phone']
    entries[0].translation = 'Tel.'
    import_entries(env, entries, 'it_IT')
    assert partner.fields_get(['phone'], ['string'])['phone']['string'] == 'Telefono'
    import_entries(env, entries, 'it_IT', overwrite=True)
    assert partner.fields_get(['phone'], ['string'])['phone']['string'] == 'Tel.'


def test_shipped_french_file_covers_partner_users_and_companies():
    import os
    from framework.config import ROOT
    with open(os.path.join(ROOT, 'addons', 'base', 'i18n', 'fr.po'), 'rb') as handle:
        translations = {e.source: e.translation for e in read_po(handle)}
    assert translations['Partner'] == 'Partenaire'
    assert translations['Companies'] == 'Sociétés'
    assert translations['Users'] == 'Utilisateurs'
    assert catalog.translate_code('Error! You can not create recursive companies.', 'fr_FR') \
        == 'Erreur ! Vous ne pouvez pas créer de sociétés récursives.'


def test_arch_terms_translate_and_keep_the_structure():
    arch = '<form string="Partner"><group><field name="name" placeholder="Name"/>' \
           '<label string="Phone"/> <p>  Free notes </p></group></form>'
    assert arch_terms(arch) == ['Partner', 'Name', 'Phone', 'Free notes']
    translated = translate_arch(arch, {'Partner': 'Partenaire', 'Free notes': 'Notes libres'})
    assert translated == ('<form string="Partenaire"><group><field name="name" placeholder="Name"/>'
                          '<label string="Phone"/> <p>  Notes libres </p></group></form>')
