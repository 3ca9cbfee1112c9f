"""The groups of a user, implied groups included, remembered per registry.

A user belongs to the groups of ``res.users.groups_id`` and, transitively,
to every group those imply (``res.groups.implied_ids``). Both relation
tables are named by the registry's field definitions.
"""
from ..orm.sql import SQL
from .cache import security_cache


def user_group_ids(env, uid):
    """The ids of every group `uid` belongs to, directly or through implied groups (a frozenset)."""
    return security_cache(env.registry).get(('groups', uid), lambda: _fetch_group_ids(env, uid))


def _fetch_group_ids(env, uid):
    membership = env.registry['res.users']._fields['groups_id']
    implied = env.registry['res.groups']._fields['implied_ids']
    query = SQL(
        'WITH RECURSIVE closure(gid) AS ('
        ' SELECT %s FROM %s WHERE %s = %s'
        ' UNION SELECT i.%s FROM %s i JOIN closure c ON i.%s = c.gid'
        ') SELECT gid FROM closure',
        SQL.identifier(membership.column2), SQL.identifier(membership.relation),
        SQL.identifier(membership.column1), uid,
        SQL.identifier(implied.column2), SQL.identifier(implied.relation),
        SQL.identifier(implied.column1))
    return frozenset(row[0] for row in env.execute(query))


def group_id(env, xmlid):
    """The id of the group named by external id `xmlid` ('module.name'), or None if unknown."""
    def lookup():
        model, res_id = env['ir.model.data'].sudo()._xmlid_to_res_model_res_id(xmlid)
        return res_id if model == 'res.groups' else None
    return security_cache(env.registry).get(('xmlid', xmlid), lookup)


def user_has_group(env, uid, xmlid):
    """Tell whether `uid` belongs to the group `xmlid`, directly or through implied groups."""
    gid = group_id(env, xmlid)
    return gid is not None and gid in user_group_ids(env, uid)
