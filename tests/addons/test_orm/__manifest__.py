{
    'name': 'ORM test models',
    'version': '1.0',
    'summary': 'Models exercising every field type, used by the framework tests',
    'depends': ['base'],
    'data': [],
    'installable': True,
}
