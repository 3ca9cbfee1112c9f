"""Wrong passwords, remembered so that every worker throttles the same logins.

Rows are written by `framework.security.throttle` on a cursor of its own
(committed at once) and only read by it; no access line grants this model
to anybody but the superuser.
"""
from framework import fields, models


class LoginFailure(models.Model):
    """One wrong password given for a login, and when."""

    _name = 'res.users.login.failure'
    _description = 'Login Failure'
    _log_access = False
    _order = 'failed_at desc, id desc'

    login = fields.Char(string='Login', size=64, required=True, index=True)
    failed_at = fields.Datetime(string='Failed At', required=True, index=True)
