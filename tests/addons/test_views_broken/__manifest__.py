{
    'name': 'Test broken view',
    'version': '1.0',
    'summary': 'Its view names a field that does not exist: installing it must fail and change nothing',
    'depends': ['base'],
    'data': ['views/broken_views.xml'],
    'installable': True,
}
