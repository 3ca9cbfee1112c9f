{
    'name': 'Integrated Document Management System',
    'version': '5.0.1.0',
    'category': 'Generic Modules/Others',
    'summary': 'Attachments in the filestore, directories, full-text search of their content, FTP',
    'description': """
Files attached to any record live in the server's filestore instead of the
database, their text (.pdf, .odt, .sxw, .doc, .docx, plain text) is
indexed for full-text search, directories map models and records, and users
reach it all over FTP with their own login.
""",
    'author': 'Tiny',
    'depends': ['base'],
    'data': [
        # storage and indexing (owned by the storage/index work)
        'data/document_storage_data.xml',
        # directories, views, menus, FTP, configuration (owned by the directory/FTP work)
        'security/document_security.xml',
        'security/ir.model.access.csv',
        'views/document_views.xml',
        'views/document_menus.xml',
        'wizard/document_configuration_wizard.xml',
    ],
    'demo': [
        'demo/document_demo.xml',
    ],
    'installable': True,
}
