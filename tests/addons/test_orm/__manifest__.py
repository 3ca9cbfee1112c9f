{
    'name': 'ORM test models',
    'version': '1.0',
    'summary': 'Models exercising every field type, used by the framework tests',
    'depends': ['base'],
    'data': ['security/ir.model.access.csv', 'views/order_views.xml'],
    'installable': True,
}
