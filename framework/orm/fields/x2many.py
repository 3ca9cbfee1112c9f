"""`One2many` and `Many2many`: fields holding a set of records.

Both read as recordsets and are written with command tuples
(`framework.orm.commands.Command`). Writes are applied for many records at
once: creating 1,000 records with lines costs one INSERT for all the lines.
"""
from ..commands import Command
from ..sql import SQL
from .field import Field
from .many2one import _RelatedPrefetch


def normalize_commands(value):
    """Turn what a caller may write on an x2many into a list of commands.

    Accepted: a list of command tuples, a list of ids (meaning SET), a
    recordset (SET), False/None (CLEAR).
    """
    if value is None or value is False:
        return [(Command.CLEAR, 0, 0)]
    if hasattr(value, '_ids'):
        return [(Command.SET, 0, list(value._ids))]
    commands = []
    plain_ids = []
    for item in value:
        if isinstance(item, (list, tuple)):
            if not item or item[0] not in range(7):
                raise ValueError('%r is not an x2many command' % (item,))
            item = tuple(item) + (0,) * (3 - len(item))
            commands.append(item)
        elif isinstance(item, int):
            plain_ids.append(item)
        elif hasattr(item, '_ids'):
            plain_ids.extend(item._ids)
        else:
            raise ValueError('%r is not an x2many command' % (item,))
    if plain_ids:
        commands.append((Command.SET, 0, plain_ids))
    return commands


class _X2many(Field):
    """What both x2many types share: cache shape, reading, description."""

    relational = True
    _attributes = {'comodel_name': None, 'domain': None, 'auto_join': False,
                   'check_company': False, 'limit': None}

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return ()
        if hasattr(value, '_ids'):
            return tuple(value._ids)
        if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
            return value
        raise ValueError('Use write() with commands to change %s' % self)

    def convert_to_record(self, value, record):
        return record.env[self.comodel_name]._browse(value or (), _RelatedPrefetch(record, self))

    def convert_to_read(self, value, record):
        return list(value._ids)

    def convert_to_export(self, value, record):
        return ','.join(value.mapped('display_name'))

    def get_description(self, env):
        desc = super().get_description(env)
        desc['relation'] = self.comodel_name
        desc['domain'] = self.domain if not callable(self.domain) else []
        desc['context'] = self.context or {}
        return desc

    def _comodel_query(self, env, extra_domain):
        """The query of the comodel's visible lines (domain, active test)."""
        comodel = env[self.comodel_name]
        domain = list(extra_domain)
        if self.domain and not callable(self.domain) and not isinstance(self.domain, str):
            domain += list(self.domain)
        return comodel._search(domain)


class One2many(_X2many):
    """The records of `comodel_name` whose `inverse_name` points here."""

    type = 'one2many'
    _attributes = {'inverse_name': None, 'copy': False}

    def __init__(self, comodel_name=None, inverse_name=None, string=None, **kwargs):
        if comodel_name is not None:
            kwargs['comodel_name'] = comodel_name
        if inverse_name is not None:
            kwargs['inverse_name'] = inverse_name
        super().__init__(string=string, **kwargs)

    def get_description(self, env):
        desc = super().get_description(env)
        desc['relation_field'] = self.inverse_name
        return desc

    def fetch(self, records):
        """Put the line ids of every record of `records` in the cache."""
        env = records.env
        comodel = env[self.comodel_name]
        inverse = comodel._fields[self.inverse_name]
        ids = records._ids
        query = self._comodel_query(env, [(self.inverse_name, 'in', list(ids))])
        table = query.table
        if inverse.store:
            env.cr.execute(*query.select(SQL.identifier(table, 'id'),
                                         SQL.identifier(table, self.inverse_name)).as_args())
            rows = env.cr.fetchall()
        else:
            env.cr.execute(*query.select().as_args())
            lines = comodel.browse([r[0] for r in env.cr.fetchall()])
            rows = [(line.id, line[self.inverse_name].id) for line in lines]
        grouped = {record_id: [] for record_id in ids}
        for line_id, owner_id in rows:
            if owner_id in grouped:
                grouped[owner_id].append(line_id)
        for record_id, line_ids in grouped.items():
            env.cache.set(record_id, self, tuple(line_ids))

    def write_commands(self, records, commands_by_id, create=False):
        """Apply x2many commands for several records at once.

        `commands_by_id` maps a record id to its list of commands.
        """
        env = records.env
        comodel = env[self.comodel_name].with_context(**{'active_test': False})
        inverse = self.inverse_name
        inverse_field = comodel._fields[inverse]
        to_create, to_delete, to_detach = [], [], []
        to_link = {}
        for record_id, commands in commands_by_id.items():
            for command in normalize_commands(commands):
                code, line_id, values = command
                if code == Command.CREATE:
                    to_create.append(dict(values or {}, **{inverse: record_id}))
                elif code == Command.UPDATE:
                    comodel.browse(line_id).write(values)
                elif code == Command.DELETE:
                    to_delete.append(line_id)
                elif code == Command.UNLINK:
                    to_detach.append(line_id)
                elif code == Command.LINK:
                    to_link.setdefault(record_id, []).append(line_id)
                elif code in (Command.CLEAR, Command.SET):
                    keep = set(values or ()) if code == Command.SET else set()
                    if not create:
                        current = records.browse(record_id)[self.name]._ids
                        to_detach.extend(i for i in current if i not in keep)
                    if keep:
                        to_link.setdefault(record_id, []).extend(values)
        if to_delete:
            comodel.browse(to_delete).unlink()
        if to_detach:
            detached = comodel.browse(to_detach).exists()
            if inverse_field.required or inverse_field.ondelete == 'cascade':
                detached.unlink()
            else:
                detached.write({inverse: False})
        for record_id, line_ids in to_link.items():
            comodel.browse(line_ids).write({inverse: record_id})
        if to_create:
            comodel.create(to_create)
        env.cache.invalidate(self, list(commands_by_id))


class Many2many(_X2many):
    """A set of records of `comodel_name`, linked through a relation table."""

    type = 'many2many'
    _attributes = {'relation': None, 'column1': None, 'column2': None,
                   'ondelete': 'cascade'}

    def __init__(self, comodel_name=None, relation=None, column1=None,
                 column2=None, string=None, **kwargs):
        for key, value in (('comodel_name', comodel_name), ('relation', relation),
                           ('column1', column1), ('column2', column2)):
            if value is not None:
                kwargs[key] = value
        super().__init__(string=string, **kwargs)

    def setup_relation(self, model_class, comodel_class):
        """Name the relation table and its columns when not given."""
        if not self.store:
            return
        tables = sorted([model_class._table, comodel_class._table])
        if not self.relation:
            self.relation = '%s_%s_rel' % tuple(tables)
        if not self.column1:
            self.column1 = '%s_id' % model_class._table
        if not self.column2:
            self.column2 = '%s_id' % comodel_class._table
            if self.column2 == self.column1:
                self.column2 = '%s_related_id' % comodel_class._table

    def get_description(self, env):
        desc = super().get_description(env)
        desc['relation_table'] = self.relation
        return desc

    def fetch(self, records):
        """Put the linked ids of every record of `records` in the cache."""
        env = records.env
        ids = records._ids
        query = self._comodel_query(env, [])
        rel = query.join('JOIN', self.relation, SQL('%s = %s',
                         SQL.identifier(self.relation, self.column2),
                         SQL.identifier(query.table, 'id')))
        query.add_where(SQL('%s IN %s', SQL.identifier(rel, self.column1), tuple(ids)))
        env.cr.execute(*query.select(SQL.identifier(rel, self.column1),
                                     SQL.identifier(query.table, 'id')).as_args())
        grouped = {record_id: [] for record_id in ids}
        for owner_id, target_id in env.cr.fetchall():
            grouped[owner_id].append(target_id)
        for record_id, targets in grouped.items():
            env.cache.set(record_id, self, tuple(targets))

    def write_commands(self, records, commands_by_id, create=False):
        """Apply commands for several records: one INSERT and one DELETE."""
        env = records.env
        comodel = env[self.comodel_name]
        add, remove, clear = set(), set(), set()
        for record_id, commands in commands_by_id.items():
            for code, target_id, values in normalize_commands(commands):
                if code == Command.CREATE:
                    add.add((record_id, comodel.create(values).id))
                elif code == Command.UPDATE:
                    comodel.browse(target_id).write(values)
                elif code == Command.DELETE:
                    comodel.browse(target_id).unlink()
                elif code == Command.UNLINK:
                    remove.add((record_id, target_id))
                elif code == Command.LINK:
                    add.add((record_id, target_id))
                elif code == Command.CLEAR:
                    clear.add(record_id)
                elif code == Command.SET:
                    clear.add(record_id)
                    add.update((record_id, t) for t in values or ())
        rel, col1, col2 = (SQL.identifier(self.relation), SQL.identifier(self.column1),
                           SQL.identifier(self.column2))
        if clear and not create:
            keep = {pair for pair in add if pair[0] in clear}
            env.cr.execute(*SQL('DELETE FROM %s WHERE %s IN %s', rel, col1, tuple(clear)).as_args())
            add |= keep
        if remove:
            env.cr.execute(*SQL('DELETE FROM %s WHERE (%s, %s) IN %s', rel, col1, col2,
                                tuple(remove)).as_args())
        if add:
            values = SQL.join(', ', [SQL('(%s, %s)', a, b) for a, b in sorted(add)])
            env.cr.execute(*SQL('INSERT INTO %s (%s, %s) VALUES %s ON CONFLICT DO NOTHING',
                                rel, col1, col2, values).as_args())
        env.cache.invalidate(self, list(commands_by_id))
        for other in records.pool.many2many_by_relation.get(self.relation, ()):
            if other is not self:
                # the same links seen from the other side
                env.cache.invalidate(other)
        records.browse(list(commands_by_id)).modified([self.name])
