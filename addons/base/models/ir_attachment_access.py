"""Who may see and touch an attachment: whoever may see and touch the record it is attached to.

An attachment attached to a record (``res_model`` a model of the registry,
``res_id`` set) is readable only by users who may read that record: the
access rights on its model and the record rules for reading. Creating,
changing or deleting such an attachment changes the record, so it needs
the right to write the record (as Odoo asks). Attachments attached to no
record, or to a model this database no longer has, follow only the rights
and rules of ``ir.attachment`` itself.

Reading is enforced as one more condition of the attachment's own record
rule, so ``search``, ``search_count``, ``read_group``, ``name_search``,
``read`` and downloads all agree; the condition names the models the user
may not read at all and, for each readable model a rule restricts, the
records it allows, in sub-selects: no query per attachment, none per model
once the user's rights are cached.
"""
from framework import api, models
from framework.orm.sql import SQL
from framework.security.cache import security_cache

#: what writing an attachment asks of the attached record
RECORD_MODE = {'create': 'write', 'write': 'write', 'unlink': 'write'}


class Attachment(models.Model):
    """Attachments inherit the access of the records they are attached to."""

    _inherit = 'ir.attachment'

    # --- reading: one SQL condition --------------------------------------------------------
    def _record_rule_condition(self, operation):
        """The attachment's own rules, AND the attached records must be readable (for 'read')."""
        condition = super()._record_rule_condition(operation)
        if operation != 'read' or not self._restricted():
            return condition
        attached = self._attached_condition()
        if attached is None:
            return condition
        return attached if condition is None else SQL('(%s AND %s)', condition, attached)

    def _restricted(self):
        """Whether the current user's attachments are filtered at all (not the superuser's)."""
        return not self.env.su and self.pool.rule_provider is not None

    @api.model
    def _attached_condition(self):
        """SQL on the attachment table: unattached, or attached to a record the user may read (cached)."""
        key = ('attached records', self.env.uid, self.env.company.id)
        return security_cache(self.env.registry).get(key, self._compile_attached_condition)

    def _compile_attached_condition(self):
        registry = self.env.registry
        stored = sorted(name for name in registry if not registry[name]._abstract)
        readable = self.env['ir.model.access']._models_allowed('read')
        hidden = tuple(name for name in stored if name not in readable)
        res_model = SQL.identifier(self._table, 'res_model')
        res_id = SQL.identifier(self._table, 'res_id')
        clauses = []
        if hidden:
            clauses.append(SQL('%s NOT IN %s', res_model, hidden))
        Rule = self.env['ir.rule']
        for name in sorted(Rule._models_with_rules('read') & readable):
            if name not in registry or registry[name]._abstract:
                continue
            rule = Rule._condition(name, 'read')
            if rule is None:
                continue
            table = registry[name]._table
            clauses.append(SQL('(%s <> %s OR %s IN (SELECT %s FROM %s WHERE %s))',
                               res_model, name, res_id, SQL.identifier(table, 'id'),
                               SQL.identifier(table), rule))
        if not clauses:
            return None
        return SQL('(%s IS NULL OR COALESCE(%s, 0) = 0 OR (%s))',
                   res_model, res_id, SQL.join(' AND ', clauses))

    # --- writing: the attached records must be writable ---------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create attachments; attaching to a record needs the right to write it."""
        if self._restricted():
            targets = {}
            for vals in vals_list:
                if vals.get('res_model') and vals.get('res_id'):
                    targets.setdefault(vals['res_model'], set()).add(vals['res_id'])
            self._check_attached(targets, 'create')
        return super().create(vals_list)

    def write(self, vals):
        """Change attachments; needs the right to write their records, old and new."""
        if self._restricted():
            targets = self._targets()
            if vals.get('res_model') or vals.get('res_id'):
                for attachment in self:
                    model = vals.get('res_model', attachment.res_model)
                    res_id = vals.get('res_id', attachment.res_id)
                    if model and res_id:
                        targets.setdefault(model, set()).add(res_id)
            self._check_attached(targets, 'write')
        return super().write(vals)

    def unlink(self):
        """Delete attachments; needs the right to write their records."""
        if self._restricted():
            self._check_attached(self._targets(), 'unlink')
        return super().unlink()

    def _targets(self):
        """``{model: {ids}}`` of the records these attachments are attached to (one query)."""
        targets = {}
        if not self.ids:
            return targets
        self.env.flush_all()
        rows = self.env.execute(SQL('SELECT %s, %s FROM %s WHERE %s IN %s AND %s IS NOT NULL AND %s <> 0',
                                    SQL.identifier(self._table, 'res_model'),
                                    SQL.identifier(self._table, 'res_id'), SQL.identifier(self._table),
                                    SQL.identifier(self._table, 'id'), tuple(self.ids),
                                    SQL.identifier(self._table, 'res_model'),
                                    SQL.identifier(self._table, 'res_id')))
        for model, res_id in rows:
            targets.setdefault(model, set()).add(res_id)
        return targets

    def _check_attached(self, targets, operation):
        """Raise AccessError unless the user may write the records of ``{model: {ids}}`` (per model)."""
        mode = RECORD_MODE[operation]
        for model, ids in targets.items():
            if model not in self.env.registry or self.env.registry[model]._abstract:
                continue
            if model == 'res.users' and ids == {self.env.uid}:
                continue        # users may attach files (a signature, a picture) to themselves
            records = self.env[model].browse(sorted(ids)).exists()
            records._check_access(mode)
