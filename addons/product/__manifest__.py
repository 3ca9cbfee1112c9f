{
    'name': 'Products & Pricelists',
    'version': '5.0.1.0',
    'category': 'Generic Modules/Inventory Control',
    'author': 'Tiny',
    'website': 'http://www.openerp.com',
    'summary': 'Products, product categories and units of measure (the minimum sales need)',
    'description': """
The products a company sells: name, code, sale price, unit of measure and
category. A minimal version of OpenERP 5.0's product module: no pricelists,
no variants, no taxes (there is no accounting module).
""",
    'depends': ['base'],
    'data': [
        'security/ir.model.access.csv',
        'data/product_data.xml',
        'views/product_views.xml',
    ],
    'demo': [
        'demo/product_demo.xml',
    ],
    'installable': True,
    'application': False,
    'auto_install': False,
}
