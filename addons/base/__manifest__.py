{
    'name': 'Base',
    'version': '1.0',
    'category': 'Hidden',
    'summary': 'Meta models, partners, users, groups, companies, sequences, attachments',
    'description': """
The kernel of the framework: models that describe models (ir.*), the
partner directory with OpenERP 5.0's contact addresses, users and groups,
companies, currencies, countries, languages, sequences and attachments.
""",
    'author': 'Tiny',
    'depends': [],
    'data': [
        'data/base_data.xml',
        'data/res_country_data.xml',
        'security/ir.model.access.csv',
        'security/base_security.xml',
        'data/mail_data.xml',
        'data/fetchmail_data.xml',
        'views/res_partner_views.xml',
        'views/res_users_views.xml',
        'views/res_company_views.xml',
        'views/ir_ui_views.xml',
        'views/ir_services_views.xml',
        'views/base_menus.xml',
    ],
    'demo': [
        'demo/res_partner_demo.xml',
    ],
    'installable': True,
    'auto_install': True,
}
