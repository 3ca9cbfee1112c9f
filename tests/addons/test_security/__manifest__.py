{
    'name': 'Security test models',
    'version': '1.0',
    'summary': 'A note model with access rights, record rules and a restricted field',
    'depends': ['base'],
    'data': [
        'security/ir.model.access.csv',
        'security/test_security_rules.xml',
    ],
    'installable': True,
}
