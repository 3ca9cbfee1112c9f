"""Users: the people who log in, with their partner, groups and hashed password."""
import logging

from framework import _, api, fields, models
from framework.exceptions import AccessDenied

from ..password import hash_password, is_hash, verify_password

_logger = logging.getLogger(__name__)


class Users(models.Model):
    """A person who logs in; name, email, language and time zone live on its partner.

    The password is hashed on create and write: the ``password`` column only
    ever holds a pbkdf2-sha512 hash.
    """

    _name = 'res.users'
    _description = 'Users'
    _inherits = {'res.partner': 'partner_id'}
    _order = 'login'
    _rec_name = 'name'

    partner_id = fields.Many2one('res.partner', string='Related Partner', required=True,
                                 ondelete='restrict', index=True,
                                 help='Partner holding the name and contact data of the user.')
    login = fields.Char(string='Login', size=64, required=True,
                        help='Used to log into the system.')
    password = fields.Char(string='Password', size=256, copy=False,
                           help='Write a new password here; only its hash is stored.')
    active = fields.Boolean(string='Active', default=True,
                            help='Inactive users cannot log in.')
    login_date = fields.Datetime(string='Latest Connection', readonly=True, copy=False)
    signature = fields.Text(string='Signature', help='Appended to the emails the user sends.')
    address_id = fields.Many2one('res.partner.address', string='Address',
                                 help='Contact address of the user (its email is the sender of their mails).')
    company_id = fields.Many2one('res.company', string='Company',
                                 default=lambda self: self._default_company(),
                                 help='The company the user works for.')
    groups_id = fields.Many2many('res.groups', 'res_groups_users_rel', 'uid', 'gid',
                                 string='Groups', help='Groups granting the access rights of the user.')
    action_id = fields.Many2one('ir.actions.act_window', string='Home Action',
                                help='Action opened when the user logs in.')

    _sql_constraints = [
        ('login_key', 'unique (login)', 'You can not have two users with the same login !'),
    ]

    @api.model
    def _default_company(self):
        """Return the first company, as the company of a new user."""
        return self.env['res.company'].sudo().search([], limit=1, order='id')

    @staticmethod
    def _hash_vals(vals):
        """Replace a clear ``password`` in ``vals`` by its hash; drop an empty one."""
        if 'password' in vals:
            password = vals['password']
            if not password:
                del vals['password']
            elif not is_hash(password):
                vals['password'] = hash_password(password)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        """Create users; a clear password given is stored as its hash."""
        vals_list = [self._hash_vals(dict(vals)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        """Update users; a clear password given is stored as its hash."""
        return super().write(self._hash_vals(dict(vals)))

    def read(self, fields=None, load='_classic_read'):
        """Read users as the ORM does, but never hand out the password hash."""
        rows = super().read(fields, load)
        for row in rows:
            if 'password' in row:
                row['password'] = ''
        return rows

    def _check_credentials(self, password):
        """Raise AccessDenied unless ``password`` is this user's password."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute('SELECT COALESCE(password, %s) FROM res_users WHERE id = %s',
                            ('', self.id))
        row = self.env.cr.fetchone()
        if not row or not verify_password(password, row[0]):
            raise AccessDenied(_('Wrong login/password'))

    @api.model
    def authenticate(self, login, password):
        """Return the id of the active user with this login and password.

        Records the connection time in ``login_date``; raises AccessDenied for an
        unknown or inactive login or a wrong password, without saying which.
        """
        user = self.sudo().search([('login', '=', login)], limit=1) if login else self.browse()
        if not user:
            _logger.info('Login failed: unknown or inactive login %r', login)
            raise AccessDenied(_('Wrong login/password'))
        try:
            user._check_credentials(password)
        except AccessDenied:
            _logger.info('Login failed for login %r', login)
            raise
        user.write({'login_date': fields.Datetime.now()})
        return user.id

    def has_group(self, group_ext_id):
        """Tell whether the user (the current user if ``self`` is empty) is in that group.

        ``group_ext_id`` is an external id 'module.name'; membership counts groups
        implied by the user's groups. An unknown external id means False.
        """
        user = self or self.env.user
        user.ensure_one()
        group = self.env.ref(group_ext_id, raise_if_not_found=False)
        if not group:
            return False
        return group in user.sudo().groups_id._implied_closure()
