"""Services at the edge: the WSGI application and the HTTP server that runs it."""
