{
    'name': 'RPC test models',
    'version': '1.0',
    'summary': 'Models the RPC tests call over HTTP (tests/rpc/)',
    'depends': ['base'],
    'data': ['security/ir.model.access.csv', 'security/rules.xml'],
    'installable': True,
}
