"""The server's version as RPC clients ask for it."""

SERVER_VERSION_INFO = [1, 0, 0, 'final', 0, '']
SERVER_SERIE = '1.0'
PROTOCOL_VERSION = 1


def version_info():
    """Return the server version the way Odoo's ``version`` RPC call does."""
    return {
        'server_version': SERVER_SERIE,
        'server_version_info': SERVER_VERSION_INFO,
        'server_serie': SERVER_SERIE,
        'protocol_version': PROTOCOL_VERSION,
    }
