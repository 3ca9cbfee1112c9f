{
    'name': 'Sales Management',
    'version': '5.0.1.0',
    'category': 'Generic Modules/Sales & Purchases',
    'author': 'Tiny',
    'website': 'http://www.openerp.com',
    'summary': 'Quotations and sales orders, their lines, shops and order life cycle',
    'description': """
The base module to manage quotations and sales orders (a minimal OpenERP 5.0
sale, §11.3 of the CRM spec): shops, orders numbered SO001…, their customer
addresses, lines with products, stored totals, the order workflow
(quotation -> confirmed -> done, or cancelled) and the printed order.
There is no stock, invoicing, pricelist or tax module behind it.
""",
    'depends': ['base', 'product'],
    'data': [
        'security/ir.model.access.csv',
        'data/sale_data.xml',
        'data/sale_workflow.xml',
        'views/sale_views.xml',
        'views/res_partner_views.xml',
        'views/sale_menus.xml',
        'report/sale_report.xml',
    ],
    'demo': [
        'demo/sale_demo.xml',
    ],
    'installable': True,
    'application': True,
    'auto_install': False,
}
