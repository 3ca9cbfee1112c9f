"""System parameters: key/value settings stored in the database."""
from framework import api, fields, models


class ConfigParameter(models.Model):
    """One system parameter, e.g. ``ir_attachment.location = file``."""

    _name = 'ir.config_parameter'
    _description = 'System Parameter'
    _rec_name = 'key'
    _order = 'key'

    key = fields.Char(string='Key', size=256, required=True, index=True,
                      help='Name of the parameter, e.g. web.base.url.')
    value = fields.Text(string='Value', required=True, help='Value of the parameter, as text.')

    _sql_constraints = [
        ('key_uniq', 'unique (key)', 'Key must be unique.'),
    ]

    @api.model
    def get_param(self, key, default=False):
        """Return the value of parameter ``key``, or ``default`` when it is not set."""
        param = self.sudo().search([('key', '=', key)], limit=1)
        return param.value if param else default

    @api.model
    def set_param(self, key, value):
        """Set parameter ``key`` to ``value`` (False or None deletes it); return the old value."""
        param = self.sudo().search([('key', '=', key)], limit=1)
        old = param.value if param else False
        if value is False or value is None:
            param.unlink()
        elif param:
            if param.value != str(value):
                param.write({'value': str(value)})
        else:
            self.sudo().create([{'key': key, 'value': str(value)}])
        return old
