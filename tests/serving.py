"""Serving an application from a thread of the test process, on 127.0.0.1 and a free port."""
import contextlib
import threading

from werkzeug.serving import make_server


@contextlib.contextmanager
def served(app=None, httpd=None):
    """Yield the base URL (``http://127.0.0.1:PORT``) of `app` (the framework's WSGI
    application by default), or of an already made `httpd`; stop and close it at the end."""
    if httpd is None:
        if app is None:
            from framework.service.wsgi import application as app
        httpd = make_server('127.0.0.1', 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{httpd.server_port}'
    finally:
        httpd.shutdown()
        thread.join(10)
        httpd.server_close()


def forget_login_failures(dbname=None):
    """Forget every remembered wrong password: this process's and, if given, ``dbname``'s.

    Tests that try wrong passwords call it after themselves, or the
    throttle would refuse the next test's logins.
    """
    from framework.security.throttle import throttle
    throttle.reset()
    if dbname:
        from framework.db import db_connect
        with db_connect(dbname).cursor() as cr:
            cr.execute("SELECT to_regclass('res_users_login_failure') IS NOT NULL")
            if cr.fetchone()[0]:
                cr.execute("DELETE FROM res_users_login_failure")
