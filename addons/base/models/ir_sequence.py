"""Sequences: numbering of documents (SO001, 2009/0042…).

Two implementations, as in Odoo: 'standard' draws numbers from a PostgreSQL
SEQUENCE named ``ir_sequence_<id>`` (fast, never blocks, may leave gaps when
a transaction rolls back); 'no_gap' locks the sequence row until the end of
the transaction so that numbers are consecutive.

Two transactions drawing a 'no_gap' number at once: the second waits for
the first. If the first rolls back, the second takes the number it gave
back; if it commits, the second (REPEATABLE READ) cannot see the new
number and fails with ``ConcurrencyError``, which the service layer
answers by running the whole call again (tests/concurrency/).
"""
from datetime import datetime

from framework import _, api, fields, models
from framework.exceptions import UserError

IMPLEMENTATIONS = [('standard', 'Standard'), ('no_gap', 'No gap')]


def _pg_sequence_name(sequence_id):
    """Return the name of the PostgreSQL sequence of record ``sequence_id`` (an int)."""
    return 'ir_sequence_%03d' % int(sequence_id)


def _interpolation_values(now):
    """Return the values prefix and suffix may use, for the moment ``now``."""
    return {
        'year': now.strftime('%Y'), 'month': now.strftime('%m'), 'day': now.strftime('%d'),
        'y': now.strftime('%y'), 'doy': now.strftime('%j'), 'woy': now.strftime('%W'),
        'weekday': now.strftime('%w'), 'h24': now.strftime('%H'), 'h12': now.strftime('%I'),
        'min': now.strftime('%M'), 'sec': now.strftime('%S'),
    }


class SequenceType(models.Model):
    """A kind of sequence, by code (kept for OpenERP 5.0 data files)."""

    _name = 'ir.sequence.type'
    _description = 'Sequence Code'
    _order = 'name'

    name = fields.Char(string='Sequence Name', size=64, required=True, translate=True)
    code = fields.Char(string='Sequence Code', size=32, required=True,
                       help='Code a sequence uses to be found by next_by_code().')


class Sequence(models.Model):
    """A numbering: prefix + zero-padded number + suffix, standard or without gaps."""

    _name = 'ir.sequence'
    _description = 'Sequence'
    _order = 'name, id'

    name = fields.Char(string='Name', size=64, required=True, help='What the sequence numbers.')
    code = fields.Char(string='Sequence Code', size=64, index=True,
                       help='Code used by next_by_code(), e.g. crm.case.')
    implementation = fields.Selection(
        IMPLEMENTATIONS, string='Implementation', required=True, default='standard',
        help="'Standard' is fast but may skip numbers when a transaction is rolled back; "
             "'No gap' gives consecutive numbers but serialises the transactions using it.")
    active = fields.Boolean(string='Active', default=True)
    prefix = fields.Char(string='Prefix', size=64,
                         help='Text before the number; may use %(year)s %(month)s %(day)s %(y)s %(doy)s.')
    suffix = fields.Char(string='Suffix', size=64,
                         help='Text after the number; same variables as the prefix.')
    number_next = fields.Integer(string='Next Number', required=True, default=1,
                                 help='Next number of this sequence.')
    number_next_actual = fields.Integer(string='Actual Next Number',
                                        compute='_compute_number_next_actual',
                                        help='Next number that will be used (read from the '
                                             'database sequence for standard ones).')
    number_increment = fields.Integer(string='Increment Number', required=True, default=1,
                                      help='Step from one number to the next.')
    padding = fields.Integer(string='Number Padding', required=True, default=0,
                             help='The number is left-padded with zeros to this many digits.')
    company_id = fields.Many2one('res.company', string='Company')

    _sql_constraints = [
        ('increment_not_zero', 'CHECK (number_increment <> 0)', 'The increment of a sequence cannot be zero.'),
    ]

    # --- the PostgreSQL sequence behind a standard sequence -------------------------
    def _create_pg_sequence(self):
        """Create the database sequences of these (standard) sequences."""
        for seq in self:
            self.env.cr.execute(
                'CREATE SEQUENCE %s INCREMENT BY %%s START WITH %%s' % _pg_sequence_name(seq.id),
                (seq.number_increment, seq.number_next))

    def _drop_pg_sequence(self):
        """Drop the database sequences of these sequences, if they exist."""
        for seq in self:
            self.env.cr.execute('DROP SEQUENCE IF EXISTS %s' % _pg_sequence_name(seq.id))

    def _alter_pg_sequence(self, number_increment=None, number_next=None):
        """Change the step and/or restart point of these sequences' database sequences."""
        clauses, params = [], []
        if number_increment is not None:
            clauses.append('INCREMENT BY %s')
            params.append(number_increment)
        if number_next is not None:
            clauses.append('RESTART WITH %s')
            params.append(number_next)
        if not clauses:
            return
        for seq in self:
            self.env.cr.execute('ALTER SEQUENCE %s %s' % (_pg_sequence_name(seq.id), ' '.join(clauses)),
                                tuple(params))

    @api.depends('implementation', 'number_next', 'number_increment')
    def _compute_number_next_actual(self):
        """Read the next number from the database sequence for standard sequences."""
        for seq in self:
            if seq.id and seq.implementation == 'standard':
                self.env.cr.execute('SELECT last_value, is_called FROM %s' % _pg_sequence_name(seq.id))
                last_value, is_called = self.env.cr.fetchone()
                seq.number_next_actual = last_value + seq.number_increment if is_called else last_value
            else:
                seq.number_next_actual = seq.number_next

    # --- CRUD keeps the database sequences in step -----------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create sequences, and a database sequence for each standard one."""
        sequences = super().create(vals_list)
        sequences.filtered(lambda s: s.implementation == 'standard')._create_pg_sequence()
        return sequences

    def write(self, vals):
        """Update sequences, creating, dropping or altering their database sequences to match."""
        if 'implementation' in vals:
            old_standard = self.filtered(lambda s: s.implementation == 'standard')
        else:
            old_standard = None
        result = super().write(vals)
        if old_standard is None:
            self.filtered(lambda s: s.implementation == 'standard')._alter_pg_sequence(
                number_increment=vals.get('number_increment'), number_next=vals.get('number_next'))
            return result
        new_standard = self.filtered(lambda s: s.implementation == 'standard')
        (old_standard - new_standard)._drop_pg_sequence()
        (new_standard - old_standard)._create_pg_sequence()
        (new_standard & old_standard)._alter_pg_sequence(
            number_increment=vals.get('number_increment'), number_next=vals.get('number_next'))
        return result

    def unlink(self):
        """Delete sequences and their database sequences."""
        self._drop_pg_sequence()
        return super().unlink()

    # --- drawing numbers ---------------------------------------------------------------
    def _affixes(self):
        """Return (prefix, suffix) of this sequence with the date variables filled in."""
        values = _interpolation_values(datetime.now())
        try:
            return ((self.prefix or '') % values, (self.suffix or '') % values)
        except (KeyError, ValueError, TypeError):
            raise UserError(_('Invalid prefix or suffix for sequence "%s".') % self.name)

    def _next_number(self):
        """Draw the next integer of this sequence."""
        if self.implementation == 'standard':
            self.env.cr.execute('SELECT nextval(%s)', (_pg_sequence_name(self.id),))
            return self.env.cr.fetchone()[0]
        self.env.flush_all()
        self.env.cr.execute('SELECT number_next FROM ir_sequence WHERE id = %s FOR UPDATE', (self.id,))
        number = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            'UPDATE ir_sequence SET number_next = number_next + number_increment WHERE id = %s',
            (self.id,))
        self.env.invalidate_all()
        return number

    def _next_numbers(self, count):
        """Draw the next `count` integers of this sequence (one query for a standard one)."""
        if self.implementation != 'standard':
            return [self._next_number() for _index in range(count)]
        self.env.cr.execute('SELECT nextval(%s) FROM generate_series(1, %s)',
                            (_pg_sequence_name(self.id), count))
        return [row[0] for row in self.env.cr.fetchall()]

    def next_by_id(self):
        """Return the next formatted number of this sequence, e.g. 'SO2009/0042'."""
        return self.next_many_by_id(1)[0]

    def next_many_by_id(self, count):
        """Return the next `count` formatted numbers of this sequence, in order."""
        self.ensure_one()
        prefix, suffix = self._affixes()
        return ['%s%s%s' % (prefix, str(number).zfill(self.padding or 0), suffix)
                for number in self._next_numbers(count)]

    @api.model
    def _by_code(self, sequence_code):
        return self.sudo().search([('code', '=', sequence_code)], order='company_id, id', limit=1)

    @api.model
    def next_by_code(self, sequence_code):
        """Return the next number of the active sequence with this code, or False if none."""
        sequence = self._by_code(sequence_code)
        return sequence.next_by_id() if sequence else False

    @api.model
    def next_many_by_code(self, sequence_code, count):
        """Return the next `count` numbers of the sequence with this code ([] when there is none):
        what a batch of new documents draws in one query rather than one per document."""
        sequence = self._by_code(sequence_code)
        return sequence.next_many_by_id(count) if sequence and count else []
