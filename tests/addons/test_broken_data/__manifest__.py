{
    'name': 'Test broken data file',
    'version': '1.0',
    'summary': 'Its data file names a field that does not exist: installing it must fail and change nothing',
    'depends': ['base'],
    'data': ['data/broken.xml'],
    'installable': True,
}
