"""``odoo-bin --load-language`` / ``--i18n-export`` / ``--i18n-import`` on a real database."""
import os

from framework.i18n.po import read_po
from tests.test_cli import odoo_bin, server_flags  # noqa: F401 (fixture)


def test_load_language_then_export_french_po(server_flags, fresh_db, tmp_path):  # noqa: F811
    name = fresh_db()
    result = odoo_bin('-d', name, *server_flags, '--load-language', 'fr_FR', '--stop-after-init')
    assert result.returncode == 0, result.stderr
    out = tmp_path / 'base_fr.po'
    result = odoo_bin('-d', name, *server_flags, '--i18n-export', str(out), '-l', 'fr_FR',
                      '--modules', 'base')
    assert result.returncode == 0, result.stderr
    with open(out, 'rb') as handle:
        entries = {e.source: e for e in read_po(handle)}
    assert entries['Partner'].translation == 'Partenaire'
    assert entries['Users'].translation == 'Utilisateurs'
    assert entries['Partner'].modules == ['base']


def test_export_pot_then_import_po(server_flags, fresh_db, tmp_path):  # noqa: F811
    name = fresh_db()
    pot = tmp_path / 'base.pot'
    result = odoo_bin('-d', name, *server_flags, '--i18n-export', str(pot), '--modules', 'base')
    assert result.returncode == 0, result.stderr
    text = pot.read_text()
    assert '#: model:ir.model.fields,field_description:base.field_res_partner__name' in text
    po = tmp_path / 'de.po'
    po.write_text(text.replace('msgid "Partner"\nmsgstr ""', 'msgid "Partner"\nmsgstr "Geschäftspartner"'))
    result = odoo_bin('-d', name, *server_flags, '--i18n-import', str(po), '-l', 'de_DE')
    assert result.returncode == 0, result.stderr
    out = tmp_path / 'de_out.po'
    odoo_bin('-d', name, *server_flags, '--i18n-export', str(out), '-l', 'de_DE', '--modules', 'base')
    with open(out, 'rb') as handle:
        assert {e.source: e.translation for e in read_po(handle)}['Partner'] == 'Geschäftspartner'


def test_export_po_without_language_is_one_sentence(server_flags, fresh_db, tmp_path):  # noqa: F811
    name = fresh_db()
    result = odoo_bin('-d', name, *server_flags, '--i18n-export', str(tmp_path / 'x.po'))
    assert result.returncode == 2
    assert result.stderr == ('odoo-bin: --i18n-export of a .po file needs its language: add -l '
                             'fr_FR (or name the file .pot for a template)\n')
    assert not os.path.exists(tmp_path / 'x.po')
