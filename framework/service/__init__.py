"""Services at the edge: the WSGI application, the RPC services and the HTTP server that runs them.

- ``wsgi``: the application and its route table; ``server``/``prefork``: serving it.
- ``xmlrpc``, ``jsonrpc``, ``web``: the transports (URLs), each calling ``dispatch``.
- ``dispatch``: the services by name; ``common``, ``object``, ``db_service``,
  ``report_service`` (with ``report_pdf``, ``backup``): what they do.
- ``transaction``: one call, one transaction, retried on conflicts.
- ``auth``, ``master``, ``session``: who calls (user password, master password, web session).
- ``marshal``, ``xmlsafe``, ``faults``: values, request bodies and errors on the wire.
"""
