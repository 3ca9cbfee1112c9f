"""The memory of access decisions of one registry (rights, rules, groups).

Decisions are cached per registry, keyed by what they depend on (a uid, a
model, an operation); `invalidate` forgets them all. Whoever changes access
rows, rules, groups or users calls `invalidate(env)`: the cache is cleared
at once (the change is visible to the transaction that made it) and again
if that transaction rolls back (the decisions taken with the rolled-back
data must not survive it). Once it commits, the cache signal of
``framework.orm.signaling`` tells the other server processes to forget
theirs before their next request.
"""
import threading

from ..orm import decorators as api
from ..orm import signaling


class SecurityCache:
    """A thread-safe dict of decisions; ``get(key, compute)`` memoizes ``compute()``."""

    def __init__(self):
        self._data = {}
        self._lock = threading.Lock()

    def get(self, key, compute):
        """Return the cached value of `key`, computing and storing it on a miss."""
        try:
            return self._data[key]
        except KeyError:
            pass
        value = compute()
        with self._lock:
            self._data[key] = value
        return value

    def clear(self):
        """Forget every decision."""
        with self._lock:
            self._data.clear()

    def __len__(self):
        return len(self._data)


def security_cache(registry):
    """The `SecurityCache` of `registry` (created on first use)."""
    cache = getattr(registry, '_security_cache', None)
    if cache is None:
        cache = registry._security_cache = SecurityCache()
    return cache


def invalidate(env):
    """Forget the access decisions of `env`'s registry, now and if the transaction rolls back."""
    cache = security_cache(env.registry)
    cache.clear()
    cr = env.cr
    cr.postrollback.add(cache.clear)
    if not getattr(cr, '_signal_caches', False):
        # once per transaction, however many access rows it changes
        cr._signal_caches = True

        def signal():
            cr._signal_caches = False
            signaling.bump_caches(cr.dbname)

        def forget():
            cr._signal_caches = False
        cr.postcommit.add(signal)
        cr.postrollback.add(forget)


class InvalidatesSecurityCache:
    """Mixin for models whose records decide access (rights, rules, groups).

    Creating, changing or deleting one of their records forgets the cached
    decisions, as `invalidate` describes.
    """

    @api.model_create_multi
    def create(self, vals_list):
        invalidate(self.env)
        return super().create(vals_list)

    def write(self, vals):
        invalidate(self.env)
        return super().write(vals)

    def unlink(self):
        invalidate(self.env)
        return super().unlink()
