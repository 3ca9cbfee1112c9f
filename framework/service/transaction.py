"""One RPC call, one transaction: open a cursor, run, commit; roll back on error; retry on conflict."""
import logging

from framework.db import db_connect
from framework.db.retry import call_with_retry
from framework.orm import signaling

_logger = logging.getLogger(__name__)


def run_in_transaction(dbname, func, tries=5):
    """Return ``func(cr, registry)`` run in a transaction of its own on ``dbname``.

    The registry is the current one (rebuilt first when another process
    changed the installed modules, see ``framework.orm.signaling``). The
    transaction commits when ``func`` returns and rolls back when it
    raises; side effects registered with ``cr.postcommit`` run only after
    the commit. A serialization failure or deadlock, which only a writing
    transaction can meet under REPEATABLE READ, runs the whole call again
    (at most ``tries`` times, with jittered back-off), so ``func`` must
    return values that do not depend on the cursor (see ``marshal.to_wire``).
    """
    def attempt():
        cr = db_connect(dbname).cursor()
        try:
            registry = signaling.check(dbname, cr)
            result = func(cr, registry)
            cr.commit()
            return result
        except BaseException:
            cr.rollback()
            raise
        finally:
            cr.close()
    return call_with_retry(attempt, tries=tries)
