{
    'name': 'Test data files',
    'version': '1.0',
    'summary': 'Exercises the XML and CSV data loaders (records, refs, function, delete, noupdate, menus)',
    'depends': ['base'],
    'data': [
        'data/test_data.xml',
        'data/res.partner.category.csv',
    ],
    'installable': True,
}
