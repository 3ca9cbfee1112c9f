"""The rows a new database needs before any record can be created.

Every record remembers who created it (``create_uid``, a foreign key to
``res_users``), so the superuser (id 1) and its partner must exist before
the base addon's data file creates anything; that file then completes
them through their external ids ``base.partner_root`` and
``base.user_root``. This is what Odoo's ``base.sql`` does.
"""


def create_superuser(cr):
    """Insert the superuser and its partner with id 1, and their external ids."""
    cr.execute("INSERT INTO res_partner (id, name, active) VALUES (1, 'System', TRUE)")
    cr.execute("INSERT INTO res_users (id, login, partner_id, active) "
               "VALUES (1, '__system__', 1, FALSE)")
    for table in ('res_partner', 'res_users'):
        cr.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), 1)", (table,))
    cr.execute("INSERT INTO ir_model_data (module, name, model, res_id, noupdate) VALUES "
               "('base', 'partner_root', 'res.partner', 1, FALSE), "
               "('base', 'user_root', 'res.users', 1, FALSE)")
