{
    'name': 'RPC signaling test',
    'version': '1.0',
    'summary': 'A model installed while a multi-process server runs (tests/rpc/test_workers.py)',
    'depends': ['base'],
    'data': [],
    'installable': True,
}
