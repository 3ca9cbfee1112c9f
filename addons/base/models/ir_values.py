"""``ir.values``: OpenERP 5.0's bindings of actions to models, and stored default values.

A row binds a *value* to a *model* (optionally one record, ``res_id``) under
a *key*:

* ``key='action'``: the value is an action reference ``'ir.actions.act_window,12'``
  shown in a slot named by ``key2`` — ``client_action_multi`` (the Action
  menu), ``client_print_multi`` (Print), ``client_action_relate`` (Relate),
  ``tree_but_open`` (opening a hierarchical tree entry), ``tree_but_action``;
* ``key='default'``: the value is a default value for the field ``name``,
  stored as a Python literal (never pickled, unlike 5.0: a literal cannot
  run code when read back).

``set``/``get`` keep 5.0's signatures; ``set_action``/``get_actions`` and
``set_default``/``get_defaults`` are the later names.
"""
import ast

from framework import api, fields, models
from framework.exceptions import ValidationError

ACTION_SLOTS = [
    ('client_action_multi', 'Sidebar action'),
    ('client_print_multi', 'Sidebar report'),
    ('client_action_relate', 'Sidebar related link'),
    ('tree_but_open', 'Double-click on a tree entry'),
    ('tree_but_action', 'Action on a tree entry'),
]


class IrValues(models.Model):
    """A binding of an action (or a default value) to a model, as OpenERP 5.0 stored it."""

    _name = 'ir.values'
    _description = 'Action Bindings and Defaults'
    _order = 'id'

    name = fields.Char(string='Name', size=128, required=True,
                       help='Label of the binding, or the field of a default value.')
    model = fields.Char(string='Model Name', size=128, required=True, index=True,
                        help='Model the action is bound to, or whose field gets the default.')
    res_id = fields.Integer(string='Record ID', default=0,
                            help='Only for this record of the model (0: every record).')
    key = fields.Selection([('action', 'Action'), ('default', 'Default')], string='Type',
                           required=True, default='action', index=True)
    key2 = fields.Char(string='Qualifier', size=128, index=True,
                       help="Slot of an action binding, e.g. 'client_action_multi'; "
                            "for a default, an optional condition.")
    value = fields.Text(string='Value',
                        help="'model,id' of the bound action, or the default as a Python literal.")
    user_id = fields.Many2one('res.users', string='User', ondelete='cascade',
                              help='Only for this user (empty: everybody).')
    company_id = fields.Many2one('res.company', string='Company', ondelete='cascade')

    @api.constrains('key', 'value')
    def _check_value(self):
        """Refuse an action binding whose value is not a 'model,id' of an existing action."""
        for row in self:
            if row.key == 'action' and row._action() is None:
                raise ValidationError("The action binding '%s' must name an existing action as "
                                      "'ir.actions.<kind>,<id>', not %r." % (row.name, row.value))

    def _action(self):
        """The action record the value names, or None."""
        model, _sep, res_id = (self.value or '').partition(',')
        if not model.startswith('ir.actions.') or model not in self.env.registry or not res_id.isdigit():
            return None
        action = self.env[model].browse(int(res_id)).exists()
        return action or None

    # ------------------------------------------------------------------
    # 5.0 API
    # ------------------------------------------------------------------
    @api.model
    def set(self, key, key2, name, models, value, replace=True, isobject=False, meta=False,
            preserve_user=False, company=False):
        """Bind `value` under (`key`, `key2`) to each of `models`; return the new row ids.

        `models` lists model names or ``(model, res_id)`` pairs. With
        `replace`, an existing row of the same key, key2, name, model and
        res_id is replaced. A default value is stored as its literal.
        """
        if key == 'default' or not isinstance(value, str):
            value = repr(value)
        ids = []
        for target in models:
            model, res_id = (target if isinstance(target, (list, tuple)) else (target, 0))
            res_id = res_id or 0
            if replace:
                self.search([('key', '=', key), ('key2', '=', key2), ('name', '=', name),
                             ('model', '=', model), ('res_id', '=', res_id)]).unlink()
            row = self.create({
                'key': key, 'key2': key2, 'name': name, 'model': model, 'res_id': res_id,
                'value': value,
                'user_id': self.env.uid if preserve_user else False,
                'company_id': company or False,
            })
            ids.append(row.id)
        return ids

    @api.model
    def get(self, key, key2, models, meta=False, context=None, res_id_req=False,
            without_user=True, key2_req=True):
        """Return ``[(id, name, value)]`` bound under (`key`, `key2`) to `models`.

        For actions, value is the action dict (only actions the user may run);
        for defaults, the value itself. Bindings to one record come before
        model-wide ones, as in 5.0.
        """
        result = []
        for target in models:
            model, res_id = (target if isinstance(target, (list, tuple)) else (target, False))
            domain = [('key', '=', key), ('model', '=', model)]
            if key2 or key2_req:
                domain.append(('key2', '=', key2))
            if res_id:
                domain.append(('res_id', 'in', [res_id, 0]))
            else:
                domain.append(('res_id', '=', 0))
            domain += ['|', ('user_id', '=', False), ('user_id', '=', self.env.uid)]
            rows = self.sudo().search(domain, order='res_id desc, id')
            for row in rows:
                if key == 'action':
                    action = row._action()
                    if action is None or not action.with_env(self.env)._allowed_for_user():
                        continue
                    result.append((row.id, row.name, action._get_action_dict()))
                else:
                    result.append((row.id, row.name, _literal(row.value)))
        return result

    # ------------------------------------------------------------------
    # later names
    # ------------------------------------------------------------------
    @api.model
    def set_action(self, name, action_slot, model, action, res_id=False):
        """Bind the action `action` ('model,id') in `action_slot` of `model`; return the row id."""
        return self.set('action', action_slot, name, [(model, res_id)], action)[0]

    @api.model
    def get_actions(self, action_slot, model, res_id=False):
        """``[(id, name, action dict)]`` bound in `action_slot` of `model`."""
        return self.get('action', action_slot, [(model, res_id)])

    @api.model
    def set_default(self, model, field_name, value, for_all_users=True, company_id=False, condition=False):
        """Store `value` as the default of `field_name` on `model`; return the row id."""
        return self.set('default', condition or False, field_name, [model], value,
                        preserve_user=not for_all_users, company=company_id)[0]

    @api.model
    def get_defaults(self, model, condition=False):
        """``[(id, field name, value)]`` of the stored defaults of `model` for the current user."""
        return self.get('default', condition or False, [model], key2_req=bool(condition))

    @api.model
    def get_defaults_dict(self, model, condition=False):
        """``{field name: value}`` of the stored defaults of `model` (the user's own win)."""
        return {name: value for _id, name, value in reversed(self.get_defaults(model, condition))}

    @api.model
    def _bound_actions(self, key2, model):
        """The action records bound model-wide to `model` in slot `key2`, in binding order."""
        rows = self.search([('key', '=', 'action'), ('key2', '=', key2), ('model', '=', model),
                            ('res_id', '=', 0)], order='id')
        return [action for action in (row._action() for row in rows) if action is not None]


def _literal(text):
    """The Python literal `text` stands for (the text itself when it is not a literal)."""
    try:
        return ast.literal_eval(text) if text is not None else False
    except (ValueError, SyntaxError):
        return text
