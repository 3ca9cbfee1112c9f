{
    'name': 'Sale CRM Stuff',
    'version': '5.0.1.0',
    'category': 'Generic Modules/Sales & Purchases',
    'author': 'Tiny',
    'website': 'http://www.openerp.com',
    'summary': 'Convert an opportunity (a case) into a quotation; make cases from partners',
    'description': """
Links the CRM and the sales: the "Convert to Quote" button of a case creates
a quotation whose source document is the case ("CRM:<id>") and that the case
references; "Make Case" creates a case for each selected partner; the
segmentation's "Sale Amount" counts the partners' confirmed sales orders.
""",
    'depends': ['crm', 'sale'],
    'data': [
        'security/ir.model.access.csv',
        'wizard/sale_crm_wizard.xml',
        'views/sale_crm_views.xml',
    ],
    'demo': [],
    'installable': True,
    'application': False,
    'auto_install': False,
}
