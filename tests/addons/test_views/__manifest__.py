{
    'name': 'Test views, actions and menus',
    'version': '1.0',
    'summary': 'A small order model with views, extensions, actions, menus and bindings',
    'depends': ['base'],
    'data': ['views/order_views.xml', 'views/order_extension_views.xml', 'views/order_actions.xml',
             'security/ir.model.access.csv'],
    'installable': True,
}
