"""Record rules: domains restricting which records of a model a group may touch.

For a user, a model and an operation, the rules that apply are the active
rules of the model flagged for that operation that are global (no group)
or name one of the user's groups. Their domains combine as Odoo combines
them: global rules AND-ed together, group rules OR-ed together, the two
AND-ed. No applicable rule means no restriction. The combined domain is
compiled (as the superuser, so that sub-queries are not restricted
themselves) into an SQL condition on the model's table, referenced by its
table name, and cached per (uid, model, operation, company).
"""
import time

from framework import api, fields, models
from framework.data.safe_eval import safe_eval
from framework.exceptions import AccessError, ValidationError
from framework.orm.domain import AND, OR, DomainCompiler, normalize
from framework.orm.query import Query
from framework.orm.sql import SQL
from framework.security.cache import InvalidatesSecurityCache, security_cache
from framework.security.groups import user_group_ids
from framework.security.messages import record_rule_message

MODES = ('read', 'write', 'create', 'unlink')


class Rule(InvalidatesSecurityCache, models.Model):
    """A domain applied to a model's records for some groups, or to everybody (global)."""

    _name = 'ir.rule'
    _description = 'Record Rule'
    _order = 'model_id, name, id'

    name = fields.Char(string='Name', size=128, index=True)
    active = fields.Boolean(string='Active', default=True)
    model_id = fields.Many2one('ir.model', string='Object', required=True, ondelete='cascade',
                               index=True)
    groups = fields.Many2many('res.groups', 'rule_group_rel', 'rule_group_id', 'group_id',
                              string='Groups', help='Groups the rule applies to; empty means everybody.')
    domain_force = fields.Text(string='Domain',
                               help='Domain the records must match, e.g. [("user_id", "=", user.id)].')
    global_ = fields.Boolean(string='Global', compute='_compute_global', store=True,
                             help='A rule without groups is global: it applies to everybody.')
    perm_read = fields.Boolean(string='Apply for Read', default=True)
    perm_write = fields.Boolean(string='Apply for Write', default=True)
    perm_create = fields.Boolean(string='Apply for Create', default=True)
    perm_unlink = fields.Boolean(string='Apply for Delete', default=True)

    _sql_constraints = [
        ('no_access_rights',
         'CHECK (perm_read OR perm_write OR perm_create OR perm_unlink)',
         'A rule must apply to at least one of read, write, create or delete.'),
    ]

    @api.depends('groups')
    def _compute_global(self):
        """A rule is global when it names no group."""
        for rule in self:
            rule.global_ = not rule.groups

    @api.constrains('domain_force', 'model_id')
    def _check_domain(self):
        """Refuse a domain that does not evaluate, as the superuser, to a valid domain of the model."""
        for rule in self.sudo():
            if not rule.domain_force:
                continue
            model = self.env[rule.model_id.model].sudo()
            try:
                domain = safe_eval(rule.domain_force, rule._eval_context())
                DomainCompiler(model, Query(model._table)).compile(normalize(domain))
            except Exception as error:
                raise ValidationError('Invalid domain %r in record rule "%s": %s'
                                      % (rule.domain_force, rule.name or rule.id, error)) from None

    # ------------------------------------------------------------------
    # computing the restriction
    # ------------------------------------------------------------------
    @api.model
    def _eval_context(self):
        """The names a rule's domain may use: user, time, company_id, company_ids."""
        user = self.env.user.with_context({})
        company = self.env.company
        return {'user': user, 'time': time, 'company_id': company.id, 'company_ids': company.ids}

    @api.model
    def _compute_domain(self, model_name, mode='read'):
        """The domain restricting `model_name` for the current user and `mode`, or None."""
        if mode not in MODES:
            raise ValueError('Invalid mode %r: use one of %s' % (mode, ', '.join(MODES)))
        rules = self.sudo().with_context(active_test=True).search([
            ('model_id.model', '=', model_name), ('perm_' + mode, '=', True)], order='id')
        if not rules:
            return None
        user_groups = user_group_ids(self.env, self.env.uid)
        context = self._eval_context()
        global_domains, group_domains = [], []
        for rule in rules:
            domain = normalize(safe_eval(rule.domain_force, context)) if rule.domain_force else []
            group_ids = set(rule.groups.ids)
            if not group_ids:
                global_domains.append(domain)
            elif group_ids & user_groups:
                group_domains.append(domain)
        if not global_domains and not group_domains:
            return None
        if group_domains:
            global_domains.append(OR(group_domains))
        return AND(global_domains)

    @api.model
    def _condition(self, model_name, mode='read'):
        """The SQL condition on table of `model_name` for the current user and `mode`, or None (cached)."""
        key = ('rule', self.env.uid, model_name, mode, self.env.company.id)
        return security_cache(self.env.registry).get(key, lambda: self._compile(model_name, mode))

    @api.model
    def _models_with_rules(self, mode='read'):
        """The names of the models some active rule restricts for `mode` (a frozenset, cached).

        For callers that need the restriction of many models at once: only
        these can have a `_condition`; every other model is unrestricted.
        """
        if mode not in MODES:
            raise ValueError('Invalid mode %r: use one of %s' % (mode, ', '.join(MODES)))

        def fetch():
            rows = self.env.execute(SQL(
                'SELECT DISTINCT m.model FROM %s r JOIN %s m ON m.id = r.model_id WHERE r.active AND %s',
                SQL.identifier(self._table), SQL.identifier(self.env.registry['ir.model']._table),
                SQL.identifier('r', 'perm_' + mode)))
            return frozenset(row[0] for row in rows)
        return security_cache(self.env.registry).get(('ruled models', mode), fetch)

    def _compile(self, model_name, mode):
        domain = self._compute_domain(model_name, mode)
        if domain is None:
            return None
        model = self.env[model_name].sudo().with_context(active_test=False)
        query = Query(model._table)
        condition = DomainCompiler(model, query).compile(domain)
        if query._joins:
            # joins cannot ride along a bare condition: select the ids instead
            query.add_where(condition)
            condition = SQL('%s IN %s', SQL.identifier(model._table, 'id'), query.subselect())
        return condition

    @api.model
    def _check_records(self, records, mode):
        """Raise AccessError unless every existing record of `records` passes the rules for `mode`.

        One query; ids that do not exist are left to the caller.
        """
        condition = self._condition(records._name, mode)
        if condition is None:
            return
        records.env.flush_all()
        table = SQL.identifier(records._table)
        ids = tuple(i for i in dict.fromkeys(records._ids) if isinstance(i, int))
        if not ids:
            return
        rows = self.env.execute(SQL('SELECT %s, COALESCE(%s, FALSE) FROM %s WHERE %s IN %s',
                                    SQL.identifier(records._table, 'id'), condition, table,
                                    SQL.identifier(records._table, 'id'), ids))
        if not all(allowed for _id, allowed in rows):
            raise AccessError(record_rule_message(records, mode))

    # ------------------------------------------------------------------
    # the ORM hook, and keeping the cache true
    # ------------------------------------------------------------------
    def _register_hook(self):
        """Make searches and reads of a non-superuser see only the records the rules allow."""
        super()._register_hook()
        self.pool.rule_provider = rule_condition



def rule_condition(records, operation):
    """The ORM's `rule_provider`: the SQL condition the user's records must meet, or None.

    Every row the ORM reads for a user comes through here, not only those
    of `read` and `search`: field access on a recordset (``case.name``),
    hence ``name_get``, exports and reports, reads rows too. So reading
    first needs the right to read the model (cached: no query once known),
    else a user without it would read any field through a recordset.
    """
    if operation == 'read':
        records.env['ir.model.access'].check(records._name, 'read')
    return records.env['ir.rule']._condition(records._name, operation)
