"""Tables the service layer keeps in each database for itself (sessions, printed reports)."""


def ensure_table(cr, table, ddl):
    """Create ``table`` with ``ddl`` unless it exists; safe when several processes race to do it."""
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    if cr.fetchone()[0]:
        return
    # CREATE TABLE IF NOT EXISTS alone may still collide on the catalogue: serialize
    cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [table])
    cr.execute(ddl)
