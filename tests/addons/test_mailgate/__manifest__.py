{
    'name': 'Mail gateway test models',
    'version': '1.0',
    'summary': 'A ticket model that receives mail (tests/mailgate/)',
    'depends': ['base'],
    'data': ['security/ir.model.access.csv'],
    'installable': True,
}
