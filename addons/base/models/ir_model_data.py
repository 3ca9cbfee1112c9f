"""External identifiers: the stable names (``module.name``) of database records.

Every record created from a data file, and every record exported or imported
with an ``id`` column, is named by one row of ``ir.model.data``. Install and
upgrade use these rows to find the record to update, to respect ``noupdate``,
and to remove what a module no longer declares; uninstall uses them to remove
what a module created.
"""
import logging

from framework import api, fields, models

_logger = logging.getLogger(__name__)

# Reflection metadata (models, fields...) is created and removed by the module
# loader itself, from the Python classes; data-file clean-up must not touch it.
REFLECTION_MODELS = frozenset({
    'ir.model', 'ir.model.fields', 'ir.model.fields.selection',
    'ir.model.constraint', 'ir.model.relation', 'ir.module.module',
    'ir.module.module.dependency', 'ir.model.data',
})

# Context key telling unlink overrides that the deletion comes from module
# clean-up (Odoo's name), so protections meant for users may be skipped.
MODULE_UNINSTALL_FLAG = '_force_unlink'


def split_xmlid(xmlid, default_module=None):
    """Return ``(module, name)`` of `xmlid`; a bare name gets `default_module`.

    Raises ValueError when the identifier has no module and no default is given.
    """
    if '.' in xmlid:
        module, name = xmlid.split('.', 1)
        return module, name
    if default_module is None:
        raise ValueError("External ID %r must have the form 'module.name'" % xmlid)
    return default_module, xmlid


class IrModelData(models.Model):
    """One external identifier ``module.name`` pointing at ``(model, res_id)``."""

    _name = 'ir.model.data'
    _description = 'External Identifier'
    _table = 'ir_model_data'
    _order = 'module, model, name'
    _rec_name = 'name'

    name = fields.Char(string='External Identifier', required=True, index=True,
                       help='Name of the identifier inside its module, without the module prefix.')
    module = fields.Char(string='Module', required=True, default='', index=True,
                         help='Technical name of the module that owns the identifier.')
    model = fields.Char(string='Model Name', required=True, index=True,
                        help='Technical name of the model of the record, e.g. res.partner.')
    res_id = fields.Integer(string='Record ID', index=True,
                            help='Database id of the record in its model.')
    noupdate = fields.Boolean(string='Non Updatable', default=False,
                              help='When set, upgrading the module leaves the record as the user changed it.')
    date_init = fields.Datetime(string='Init Date', default=fields.Datetime.now)
    date_update = fields.Datetime(string='Update Date', default=fields.Datetime.now)

    _sql_constraints = [
        ('module_name_uniq', 'unique(module, name)',
         'You cannot have multiple records with the same external ID in the same module!'),
    ]

    # ------------------------------------------------------------------
    # Look-ups
    # ------------------------------------------------------------------

    @api.model
    def _xmlid_lookup(self, xmlid):
        """Return ``(model, res_id, noupdate)`` of `xmlid` ('module.name').

        Raises ValueError("External ID not found in the system: <xmlid>") when
        the identifier is unknown or points nowhere.
        """
        if '.' not in xmlid:
            raise ValueError('External ID not found in the system: %s' % xmlid)
        module, name = xmlid.split('.', 1)
        self._flush_self()
        self.env.cr.execute(
            "SELECT model, res_id, noupdate FROM ir_model_data"
            " WHERE module = %s AND name = %s",
            [module, name])
        row = self.env.cr.fetchone()
        if not (row and row[1]):
            raise ValueError('External ID not found in the system: %s' % xmlid)
        return row[0], row[1], bool(row[2])

    @api.model
    def _xmlid_to_res_model_res_id(self, xmlid, raise_if_not_found=False):
        """Return ``(model, res_id)`` of `xmlid`, or ``(False, False)`` if unknown and not raising."""
        try:
            model, res_id, _noupdate = self._xmlid_lookup(xmlid)
        except ValueError:
            if raise_if_not_found:
                raise
            return False, False
        return model, res_id

    @api.model
    def _xmlid_to_res_id(self, xmlid, raise_if_not_found=False):
        """Return the database id named by `xmlid`, or False if unknown and not raising."""
        return self._xmlid_to_res_model_res_id(xmlid, raise_if_not_found)[1]

    @api.model
    def _lookup_xmlids(self, xmlids):
        """Return ``{xmlid: (model, res_id, noupdate)}`` for the known ones among `xmlids`, in one query."""
        pairs = {split_xmlid(xmlid, '') for xmlid in xmlids if xmlid}
        if not pairs:
            return {}
        modules, names = zip(*pairs)
        self._flush_self()
        # unnest() keeps the (module, name) index usable and the values as parameters
        self.env.cr.execute(
            "SELECT d.module, d.name, d.model, d.res_id, d.noupdate"
            " FROM ir_model_data d"
            " JOIN unnest(%s::varchar[], %s::varchar[]) AS k(module, name)"
            " ON d.module = k.module AND d.name = k.name",
            [list(modules), list(names)])
        return {
            '%s.%s' % (module, name): (model, res_id, bool(noupdate))
            for module, name, model, res_id, noupdate in self.env.cr.fetchall()
            if res_id
        }

    @api.model
    def _load_xmlid(self, xmlid):
        """Return the record named by `xmlid` (empty recordset if none) and mark the xmlid loaded in this run."""
        try:
            model, res_id, _noupdate = self._xmlid_lookup(xmlid)
        except ValueError:
            return None
        record = self.env[model].browse(res_id).exists() if self._model_exists(model) else None
        if record:
            self._loaded_xmlids().add(xmlid)
        return record

    # ------------------------------------------------------------------
    # Writing identifiers
    # ------------------------------------------------------------------

    @api.model
    def _update_xmlids(self, data_list, update=False):
        """Create or repoint the external ids of `data_list` in one statement.

        `data_list` holds dicts ``{'xml_id': 'module.name', 'record': record,
        'noupdate': bool}``. An existing identifier is repointed at the record,
        except, when `update` is true (module upgrade), one flagged noupdate.
        Every identifier is added to the registry's ``loaded_xmlids``.
        """
        rows = {}
        for data in data_list:
            module, name = split_xmlid(data['xml_id'])
            record = data['record']
            # the last occurrence wins, as a sequence of single inserts would do
            rows[(module, name)] = (module, name, record._name, record.id, bool(data.get('noupdate')))
        if not rows:
            return
        self._flush_self()
        # One array per column: five parameters whatever the number of rows,
        # which keeps a 10,000-row import from spending its time quoting values.
        where = " WHERE NOT ir_model_data.noupdate" if update else ""
        query = (
            "INSERT INTO ir_model_data (module, name, model, res_id, noupdate, date_init, date_update)"
            " SELECT m, n, o, r, u, now() at time zone 'UTC', now() at time zone 'UTC'"
            " FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[], %s::int[], %s::bool[])"
            " AS t(m, n, o, r, u)"
            " ON CONFLICT (module, name) DO UPDATE"
            " SET model = EXCLUDED.model, res_id = EXCLUDED.res_id,"
            " noupdate = EXCLUDED.noupdate, date_update = EXCLUDED.date_update"
            + where
        )
        self.env.cr.execute(query, [list(column) for column in zip(*rows.values())])
        self._invalidate_self()
        self._loaded_xmlids().update('%s.%s' % key for key in rows)

    @api.model
    def _load_record(self, model, xmlid, values, noupdate=False, mode='init', forcecreate=True):
        """Create or update the record of `model` named `xmlid` with `values`; return it.

        In mode 'update' a record whose identifier (or the data node, through
        `noupdate`) is flagged noupdate is left untouched but counted as loaded;
        a vanished noupdate record is re-created only when `forcecreate`.
        A record without `xmlid` is created in mode 'init' only (None otherwise).
        Raises ValueError when `xmlid` already names a record of another model.
        """
        Model = self.env[model]
        if not xmlid:
            return Model.create(values) if mode != 'update' else None
        module, name = split_xmlid(xmlid)
        xmlid = '%s.%s' % (module, name)
        existing = self._lookup_xmlids([xmlid]).get(xmlid)
        record = None
        row_noupdate = False
        if existing:
            existing_model, res_id, row_noupdate = existing
            if existing_model != model:
                raise ValueError("External ID %s already names a record of model %r, not %r"
                                 % (xmlid, existing_model, model))
            record = Model.browse(res_id).exists()
        if mode == 'update' and (noupdate or row_noupdate) and existing:
            if record:
                self._loaded_xmlids().add(xmlid)
                return record
            if not forcecreate:
                return None
        if record:
            record.write(values)
        else:
            record = Model.create(values)
        # Not update=True: past the noupdate guard above, the identifier must
        # point at this record even if it was flagged noupdate (re-created record).
        self._update_xmlids([{'xml_id': xmlid, 'record': record, 'noupdate': noupdate}])
        return record

    @api.model
    def _forget_xmlids(self, model, res_ids):
        """Remove the external ids of the records `res_ids` of `model` (after deleting them)."""
        if not res_ids:
            return
        self._flush_self()
        self.env.cr.execute(
            "DELETE FROM ir_model_data WHERE model = %s AND res_id = ANY(%s)",
            [model, list(res_ids)])
        self._invalidate_self()

    # ------------------------------------------------------------------
    # Clean-up after upgrade and on uninstall
    # ------------------------------------------------------------------

    @api.model
    def _process_end(self, modules):
        """Delete the records of `modules` whose external ids were not loaded in this run.

        Called by the module loader once install/upgrade of `modules` is over.
        As in Odoo, only identifiers with noupdate=False are considered; a
        record that still has another identifier only loses the vanished one.
        Reflection metadata (ir.model, ir.model.fields...) is left to the
        loader. Clears ``registry.loaded_xmlids`` afterwards.
        """
        modules = list(modules or ())
        if not modules:
            return True
        loaded = self._loaded_xmlids()
        self._flush_self()
        self.env.cr.execute(
            "SELECT id, module || '.' || name, model, res_id FROM ir_model_data"
            " WHERE module = ANY(%s) AND res_id IS NOT NULL AND NOT COALESCE(noupdate, false)"
            " ORDER BY id DESC",
            [modules])
        vanished = [row for row in self.env.cr.fetchall()
                    if row[1] not in loaded and row[2] not in REFLECTION_MODELS]
        self._delete_data_records(vanished)
        loaded.clear()
        return True

    @api.model
    def _module_data_uninstall(self, modules):
        """Delete every record created through the external ids of `modules`, newest first.

        Records also named by an identifier of another module are kept (only
        the identifier of `modules` is removed). Reflection metadata is left
        with its identifiers for the module loader, which drops it afterwards.
        """
        modules = list(modules or ())
        if not modules:
            return True
        self._flush_self()
        self.env.cr.execute(
            "SELECT id, module || '.' || name, model, res_id FROM ir_model_data"
            " WHERE module = ANY(%s) AND res_id IS NOT NULL ORDER BY id DESC",
            [modules])
        rows = [row for row in self.env.cr.fetchall() if row[2] not in REFLECTION_MODELS]
        self._delete_data_records(rows, keep_modules=modules)
        return True

    def _delete_data_records(self, rows, keep_modules=()):
        """Unlink the records of `rows` (id, xmlid, model, res_id) in the given order, then their identifiers.

        A record still named by another identifier (outside `rows`, and whose
        module is not in `keep_modules`) is kept; a record that cannot be
        deleted (still referenced) is kept with a warning, as Odoo does.
        """
        if not rows:
            return
        cr = self.env.cr
        imd_ids = [row[0] for row in rows]
        # Targets still named by another identifier survive.
        cr.execute(
            "SELECT DISTINCT model, res_id FROM ir_model_data"
            " WHERE NOT (id = ANY(%s)) AND NOT (module = ANY(%s))"
            " AND (model, res_id) IN (SELECT * FROM unnest(%s::varchar[], %s::int[]))",
            [imd_ids, list(keep_modules), [row[2] for row in rows], [row[3] for row in rows]])
        shared = set(cr.fetchall())
        # Consecutive rows of the same model are deleted together, so the
        # reverse creation order (children before parents) is kept.
        batches = []
        for _imd_id, xmlid, model, res_id in rows:
            if (model, res_id) in shared or not self._model_exists(model):
                continue
            if batches and batches[-1][0] == model:
                batches[-1][1].append(res_id)
            else:
                batches.append((model, [res_id]))
        env = self.with_context(**{MODULE_UNINSTALL_FLAG: True}).env
        undeletable = set()
        for model, res_ids in batches:
            records = env[model].browse(res_ids).exists()
            if not records:
                continue
            _logger.info('Deleting %s records of %s: %s', len(records), model, records.ids)
            try:
                with cr.savepoint():
                    records.unlink()
            except Exception:
                # One record may be referenced by data of another module: retry
                # one by one so that the others still go.
                for record in records:
                    try:
                        with cr.savepoint():
                            record.unlink()
                    except Exception as exc:
                        undeletable.add((model, record.id))
                        _logger.warning('Could not delete %s(%s): %s', model, record.id, exc)
        self._flush_self()
        # An undeletable record keeps its identifier, so that a later run retries.
        gone = [row[0] for row in rows if (row[2], row[3]) not in undeletable]
        cr.execute("DELETE FROM ir_model_data WHERE id = ANY(%s)", [gone])
        self._invalidate_self()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _loaded_xmlids(self):
        """The registry's set of xmlids loaded during the current install/upgrade run."""
        registry = self.env.registry
        loaded = getattr(registry, 'loaded_xmlids', None)
        if loaded is None:
            loaded = registry.loaded_xmlids = set()
        return loaded

    def _model_exists(self, model):
        """True when `model` is a model of the registry (the module defining it may be gone)."""
        try:
            self.env[model]
        except KeyError:
            return False
        return True

    def _flush_self(self):
        """Push pending ORM writes to the database before raw SQL reads them."""
        flush = getattr(self.env, 'flush_all', None)
        if flush:
            flush()

    def _invalidate_self(self):
        """Forget cached ir.model.data values after raw SQL changed the table."""
        invalidate = getattr(self, 'invalidate_model', None)
        cache = getattr(self.env, 'cache', None)
        if invalidate:
            invalidate()
        elif cache is not None:
            # only this model's values: clearing the whole cache per record loaded would be slow
            for field in self._fields.values():
                cache.invalidate(field)
        else:
            self.env.invalidate_all()

