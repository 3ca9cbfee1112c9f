{
    'name': 'Workflow test models',
    'version': '1.0',
    'summary': 'An order with an OpenERP 5 workflow, for tests/workflow/',
    'depends': ['base'],
    'data': [
        'security/ir.model.access.csv',
        'data/order_workflow.xml',
        'views/order_views.xml',
        'data/order_data.xml',
    ],
    'installable': True,
}
