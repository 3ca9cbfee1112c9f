"""Access rights: which group may read, write, create or delete records of a model.

A user may do an operation on a model when an active access line of that
model grants it to everybody (no group) or to one of the user's groups,
implied groups included; a model without any line is refused to everybody
but the superuser. Decisions are cached per (uid, model, operation) in the
registry (`framework.security.cache`) and forgotten whenever access lines,
groups or users change.
"""
from framework import api, fields, models
from framework.exceptions import AccessError
from framework.orm.sql import SQL
from framework.security.cache import InvalidatesSecurityCache, security_cache
from framework.security.groups import user_group_ids
from framework.security.messages import access_rights_message

OPERATIONS = ('read', 'write', 'create', 'unlink')


class ModelAccess(InvalidatesSecurityCache, models.Model):
    """One line of access rights: a model, a group (or everybody), four permissions."""

    _name = 'ir.model.access'
    _description = 'Model Access'
    _order = 'model_id, group_id, name, id'

    name = fields.Char(string='Name', size=64, required=True, index=True)
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to disable the line without deleting it.')
    model_id = fields.Many2one('ir.model', string='Object', required=True, ondelete='cascade',
                               index=True)
    group_id = fields.Many2one('res.groups', string='Group', ondelete='cascade', index=True,
                               help='Group granted these rights; empty grants them to everybody.')
    perm_read = fields.Boolean(string='Read Access')
    perm_write = fields.Boolean(string='Write Access')
    perm_create = fields.Boolean(string='Create Access')
    perm_unlink = fields.Boolean(string='Delete Access')

    # ------------------------------------------------------------------
    # the check
    # ------------------------------------------------------------------
    @api.model
    def check(self, model, mode='read', raise_exception=True):
        """Tell whether the current user may do `mode` on model `model` (a name).

        With `raise_exception`, a refusal raises AccessError naming the
        groups that would be allowed. The superuser may do everything.
        """
        if mode not in OPERATIONS:
            raise ValueError('Invalid access mode %r: use one of %s' % (mode, ', '.join(OPERATIONS)))
        if self.env.su:
            return True
        records = self.env[model]
        if records._abstract:
            return True
        key = ('access', self.env.uid, model, mode)
        allowed = security_cache(self.env.registry).get(key, lambda: self._allowed(model, mode))
        if not allowed and raise_exception:
            raise AccessError(access_rights_message(records, mode, self._group_names(model, mode)))
        return allowed

    def _lines_condition(self, model, mode):
        """SQL condition on ``a`` (access lines) and ``m`` (ir.model): active lines granting `mode` on `model`."""
        return SQL('m.model = %s AND a.active AND %s', model,
                   SQL.identifier('a', 'perm_' + mode))

    def _tables(self):
        return (SQL.identifier(self._table), SQL.identifier(self.env.registry['ir.model']._table))

    def _allowed(self, model, mode):
        access, ir_model = self._tables()
        groups = sorted(user_group_ids(self.env, self.env.uid))
        rows = self.env.execute(SQL(
            'SELECT 1 FROM %s a JOIN %s m ON m.id = a.model_id WHERE %s '
            'AND (a.group_id IS NULL OR a.group_id = ANY(%s)) LIMIT 1',
            access, ir_model, self._lines_condition(model, mode), groups))
        return bool(rows)

    @api.model
    def _models_allowed(self, mode):
        """The names of every model some access line lets the current user `mode` (a frozenset, cached).

        The set-based twin of `check` for callers that ask about many models
        at once (attachments ask about every model they point to): one query,
        whatever the number of models. Abstract models are not in it, as no
        line names them; `check` lets them through.
        """
        if mode not in OPERATIONS:
            raise ValueError('Invalid access mode %r: use one of %s' % (mode, ', '.join(OPERATIONS)))

        def fetch():
            access, ir_model = self._tables()
            groups = sorted(user_group_ids(self.env, self.env.uid))
            rows = self.env.execute(SQL(
                'SELECT DISTINCT m.model FROM %s a JOIN %s m ON m.id = a.model_id '
                'WHERE a.active AND %s AND (a.group_id IS NULL OR a.group_id = ANY(%s))',
                access, ir_model, SQL.identifier('a', 'perm_' + mode), groups))
            return frozenset(row[0] for row in rows)
        return security_cache(self.env.registry).get(('access models', self.env.uid, mode), fetch)

    def _group_names(self, model, mode):
        """Names of the groups some line grants `mode` on `model` to, in the user's language, sorted."""
        access, ir_model = self._tables()
        rows = self.env.execute(SQL(
            'SELECT DISTINCT a.group_id FROM %s a JOIN %s m ON m.id = a.model_id '
            'WHERE %s AND a.group_id IS NOT NULL',
            access, ir_model, self._lines_condition(model, mode)))
        groups = self.env['res.groups'].sudo().browse([row[0] for row in rows])
        return sorted(groups.mapped('name'))

    # ------------------------------------------------------------------
    # the ORM hook, and keeping the cache true
    # ------------------------------------------------------------------
    def _register_hook(self):
        """Make every ORM operation of a non-superuser check rights, then record rules."""
        super()._register_hook()
        self.pool.access_checker = check_access



def check_access(records, operation):
    """The ORM's `access_checker`: rights on the model, then the rules on the records.

    Called by create/read/write/unlink unless ``env.su``; `records` may be
    empty (a create before its insert), in which case only the rights are
    checked.
    """
    env = records.env
    env['ir.model.access'].check(records._name, operation)
    if records._ids and operation != 'read':
        env['ir.rule']._check_records(records, operation)
