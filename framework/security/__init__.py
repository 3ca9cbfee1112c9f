"""Security: who may do what, and who is who.

- `cache`: the per-registry memory of access decisions, cleared when the
  rights change (and when a transaction that changed them rolls back).
- `groups`: the groups of a user, implied groups included.
- `messages`: the sentences of access errors.
- `throttle`: slowing down repeated wrong passwords for a login.
- `credentials`: checking a login or a (uid, password) pair, with a
  per-process cache so that XML-RPC's password-on-every-call costs one
  PBKDF2 per process, not one per call.

The access rights themselves (``ir.model.access``) and record rules
(``ir.rule``) are models of the base addon; they install the ORM hooks
(`Registry.access_checker`, `Registry.rule_provider`) from their
``_register_hook``.
"""
from .credentials import authenticate, check, check_credentials  # noqa: F401
from .groups import user_group_ids, user_has_group  # noqa: F401
