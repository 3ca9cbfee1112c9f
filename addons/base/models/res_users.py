"""Users: the people who log in, with their partner, groups and hashed password.

Checking passwords (with the per-process cache and the login throttle)
lives in `framework.security.credentials`; this model hashes passwords on
the way in, never hands them out, keeps the security caches true when
users change, and lets a user change their own preferences and password.
"""
import logging

import psycopg2

from framework import _, api, fields, models
from framework.exceptions import AccessError, UserError
from framework.security import credentials
from framework.security.cache import invalidate
from framework.security.groups import user_has_group

from ..password import hash_password, is_hash

_logger = logging.getLogger(__name__)

#: fields a user may change on their own user record without write access to users
SELF_WRITEABLE_FIELDS = frozenset({'signature', 'action_id', 'name', 'lang', 'tz'})

#: changes of these fields change what the user may do
SECURITY_FIELDS = frozenset({'groups_id', 'active', 'company_id', 'partner_id', 'login'})


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
    all_group_ids = fields.Many2many('res.groups', string='All Groups',
                                     compute='_compute_all_group_ids',
                                     help='The groups of the user and every group they imply.')
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

    @api.depends('groups_id', 'groups_id.implied_ids')
    def _compute_all_group_ids(self):
        """The user's groups and, transitively, the groups they imply."""
        for user in self:
            user.all_group_ids = user.groups_id._implied_closure()

    @api.model_create_multi
    def create(self, vals_list):
        """Create users; a clear password given is stored as its hash."""
        vals_list = [self._hash_vals(dict(vals)) for vals in vals_list]
        invalidate(self.env)
        return super().create(vals_list)

    def write(self, vals):
        """Update users; a clear password given is stored as its hash.

        A user may write the `SELF_WRITEABLE_FIELDS` (preferences) of their
        own record even without write access to users.
        """
        if (not self.env.su and vals and self._ids == (self.env.uid,)
                and set(vals) <= SELF_WRITEABLE_FIELDS):
            self = self.sudo()
        if SECURITY_FIELDS & set(vals):
            invalidate(self.env)
        return super().write(self._hash_vals(dict(vals)))

    def unlink(self):
        """Delete users; cached access decisions are forgotten."""
        invalidate(self.env)
        return super().unlink()

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
        credentials.check_credentials(self.env, self.id, password)

    @api.model
    def authenticate(self, login, password):
        """Return the id of the active user with this login and password.

        Records the connection time in ``login_date``; raises AccessDenied for an
        unknown or inactive login or a wrong password, without saying which,
        and "Too many login failures, ..." after repeated wrong passwords.
        """
        return credentials.authenticate(self.env, login, password)

    def _update_last_login(self):
        """Record now as the user's latest connection; skipped if another login holds the row."""
        try:
            with self.env.cr.savepoint():
                self.sudo().write({'login_date': fields.Datetime.now()})
        except psycopg2.OperationalError:
            _logger.info('login_date of user %s not updated: the row is busy', self.id)

    @api.model
    def change_password(self, old_passwd, new_passwd):
        """Change the current user's password once the old one is checked; return True."""
        credentials.check_credentials(self.env, self.env.uid, old_passwd)
        if not new_passwd:
            raise UserError(_('Setting empty passwords is not allowed for security reasons!'))
        self.env.user.write({'password': new_passwd})
        return True

    @api.model
    def preference_change(self, values):
        """Write preferences (`SELF_WRITEABLE_FIELDS`) on the current user; return True."""
        refused = sorted(set(values) - SELF_WRITEABLE_FIELDS)
        if refused:
            raise AccessError(_('You can only change your preferences (%s), not: %s.')
                              % (', '.join(sorted(SELF_WRITEABLE_FIELDS)), ', '.join(refused)))
        return self.env.user.write(values)

    def has_group(self, group_ext_id):
        """Tell whether the user (the current user if ``self`` is empty) is in that group.

        ``group_ext_id`` is an external id 'module.name'; membership counts groups
        implied by the user's groups. An unknown external id means False.
        """
        user = self or self.env.user
        user.ensure_one()
        return user_has_group(self.env, user.id, group_ext_id)
