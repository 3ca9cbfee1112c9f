"""Directories: the rules of their names and parents, what a resource directory maps, access by
group, virtual files, the configuration wizard, the menus and views (spec §12.2, §12.6)."""
import pytest

from framework.exceptions import ValidationError


def _directory(env, name, **vals):
    return env['document.directory'].create(dict(vals, name=name))


def test_demo_directories(env):
    documents = env.ref('document.dir_root')
    partners = env.ref('document.dir_partner')
    assert (documents.name, documents.type) == ('Documents', 'directory')
    assert (partners.name, partners.type) == ('Partners', 'ressource')
    assert partners.ressource_type_id.model == 'res.partner'
    assert documents.user_id == env.user and documents.domain == '[]'


def test_two_directories_of_one_name_in_one_place_are_refused(env):
    parent = _directory(env, 'Contracts')
    _directory(env, '2009', parent_id=parent.id)
    with pytest.raises(ValidationError, match='Directory name must be unique!'):
        _directory(env, '2009', parent_id=parent.id)
    with pytest.raises(ValidationError, match='Directory name must be unique!'):
        _directory(env, 'Documents')        # at the root, where the demo one is
    assert _directory(env, '2009')          # elsewhere it is another directory


def test_a_name_with_special_characters_is_refused(env):
    for name in ('a/b', 'me@home', 'US$', '#1'):
        with pytest.raises(ValidationError, match='Directory name contains special characters!'):
            _directory(env, name)


def test_recursive_directories_are_refused(env):
    top = _directory(env, 'Top')
    middle = _directory(env, 'Middle', parent_id=top.id)
    with pytest.raises(ValidationError, match='Error! You can not create recursive Directories.'):
        top.write({'parent_id': middle.id})


def test_copy_appends_copy_to_the_name(env):
    copy = env.ref('document.dir_root').copy()
    assert copy.name == 'Documents (copy)'
    assert not copy.file_ids


def test_a_resource_directory_has_a_folder_per_record_of_its_domain(env):
    partners = env.ref('document.dir_partner')
    slash = env['res.partner'].create({'name': 'Tools/Dies Ltd'})
    other = env['res.partner'].create({'name': 'Other Ltd', 'customer': False})
    assert slash in partners._resource_records() and other in partners._resource_records()
    assert partners._folder_name(slash) == 'Tools__Dies Ltd'
    assert partners._find_record('Tools__Dies Ltd') == slash
    assert partners._find_record('Nobody at all') is None
    partners.domain = "[('customer', '=', True)]"
    assert other not in partners._resource_records()


def test_a_bad_domain_is_named_in_the_error(env):
    partners = env.ref('document.dir_partner')
    partners.domain = "[('customer', '=' "
    with pytest.raises(ValidationError, match='The domain of directory "Partners" is not valid'):
        partners._resource_records()


def test_directories_of_a_group_are_hidden_from_the_others(env):
    admins_only = _directory(env, 'Board', group_ids=[(6, 0, [env.ref('base.group_system').id])])
    everybody = _directory(env, 'Public')
    demo = env.ref('base.user_demo')
    seen = env['document.directory'].with_user(demo).search([])
    assert everybody in seen and admins_only not in seen
    assert admins_only in env['document.directory'].search([])


def test_virtual_file_name(env):
    partners = env.ref('document.dir_partner')
    agrolait = env['res.partner'].create({'name': 'Agrolait'})
    content = env['document.directory.content'].create({
        'name': 'Print', 'suffix': '_print', 'directory_id': partners.id})
    assert content.extension == '.pdf' and content.include_name
    assert content._file_name(agrolait) == 'Agrolait_print.pdf'
    content.include_name = False
    assert content._file_name(agrolait) == '_print.pdf'


def test_configuration_wizard_maps_the_installed_models_only(env, monkeypatch):
    from addons.document.wizard import document_configuration_wizard as wizard_module
    monkeypatch.setattr(wizard_module, 'MAPPINGS', wizard_module.MAPPINGS + [
        ('All Partners', 'res.partner', '[]', False, [('Card', '_card', 'base.no_such_report')])])
    wizard = env['document.configuration.wizard'].create({'host': 'files.example.com'})
    assert wizard.action_config() == {'type': 'ir.actions.act_window_close'}
    Directory = env['document.directory']
    mapped = Directory.search([('name', '=', 'All Partners'), ('parent_id', '=', False)])
    assert mapped.type == 'ressource' and mapped.ressource_type_id.model == 'res.partner'
    assert not mapped.content_ids                 # its report does not exist
    if 'sale.order' not in env:
        assert not Directory.search([('name', 'in', ['All Sales Orders', 'Quotations'])])
    assert env['ir.config_parameter'].get_param('document.ftp_url') == 'ftp://files.example.com:8021/'
    env['document.configuration.wizard'].create({'host': 'files.example.com'}).action_config()
    assert Directory.search_count([('name', '=', 'All Partners')]) == 1


def test_configuration_wizard_proposes_an_address(env):
    assert env['document.configuration.wizard'].create({}).host


def test_menus(env):
    def path(xmlid):
        menu, names = env.ref(xmlid), []
        while menu:
            names.insert(0, menu.name)
            menu = menu.parent_id
        return '/'.join(names)
    assert path('document.menu_document_configuration') == 'Document Management/Document Configuration'
    assert path('document.menu_document_directories') == \
        'Document Management/Document Configuration/Directories'
    assert path('document.menu_document_directories_tree') == \
        "Document Management/Document Configuration/Directorie's Structure"
    assert path('document.menu_document_files') == 'Document Management/Search a File'
    assert env.ref('document.menu_document_files').action.res_model == 'ir.attachment'


def test_search_a_file_searches_names_and_content(env):
    action = env.ref('document.action_document_file_form')
    arch = action.search_view_id.arch
    assert '<field name="name"/>' in arch and '<field name="index_content"' in arch
    form = env['ir.attachment'].get_views([(False, 'form')])['views']['form']['arch']
    for name in ('parent_id', 'user_id', 'partner_id', 'index_content'):
        assert 'name="%s"' % name in form
