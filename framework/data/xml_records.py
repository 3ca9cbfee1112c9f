"""The generic tags of XML data files: ``<record>``, ``<function>``, ``<delete>``, ``<workflow>``.

Each handler takes the loader (see `xml_loader.XmlLoader`) and the element;
errors are placed at the element's line by the loader.
"""
import logging

from .xml_values import SkipRecord, eval_value, field_value, str2bool

_logger = logging.getLogger(__name__)


def load_record(loader, element, extra_values=None):
    """Create or update the record described by `element`; return it (None if skipped).

    Honours ``forcecreate`` and, in update mode, ``noupdate``; nested
    ``<record>``s of one2many fields are loaded after their parent.
    """
    model_name = loader.require(element, 'model')
    Model = loader.model(model_name)
    context = loader.eval_context_attr(element)
    if context:
        Model = Model.with_context(**context)
    local_id = element.get('id')
    xmlid = loader.xmlid(local_id) if local_id else None
    forcecreate = str2bool(element.get('forcecreate'), True)
    imd = loader.env['ir.model.data'].with_context(**context) if context else loader.env['ir.model.data']

    if loader.noupdate and loader.mode != 'init':
        # Upgrade of a noupdate node: an existing record stays as the user left it.
        if not local_id:
            return None
        record = imd._load_xmlid(xmlid)
        if record:
            loader.idref[local_id] = record.id
            return record
        if not forcecreate:
            return None

    values, sub_records = {}, []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        with loader.located(child):
            if child.tag != 'field':
                raise ValueError('unexpected element <%s> inside <record> (only <field> is allowed)' % child.tag)
            try:
                name, value, nested = field_value(loader, Model, child, forcecreate)
            except SkipRecord as missing:
                _logger.warning('%s, line %s: skipping %s because %s cannot be resolved',
                                loader.filename, child.sourceline, xmlid or model_name, missing)
                return None
            if nested:
                sub_records.extend(nested)
            if value is not None or not nested:
                values[name] = value
    if extra_values:
        values.update(extra_values)

    record = imd._load_record(model_name, xmlid, values, noupdate=loader.noupdate,
                              mode=loader.mode, forcecreate=forcecreate)
    if record is None:
        return None
    if local_id:
        loader.idref[local_id] = record.id
    for child, inverse_name in sub_records:
        with loader.located(child):
            load_record(loader, child, {inverse_name: record.id})
    return record


def load_function(loader, element):
    """Call ``model.name(*args, **kwargs)`` from ``eval=`` and child ``<value>``s; return its result.

    A named ``<value name="x">`` becomes a keyword argument. As in Odoo, a
    method not decorated ``@api.model`` receives the ids of its records as
    first argument.
    """
    model_name = loader.require(element, 'model')
    method_name = loader.require(element, 'name')
    Model = loader.model(model_name)
    context = loader.eval_context_attr(element)
    if context:
        Model = Model.with_context(**context)
    args = []
    if element.get('eval'):
        evaluated = loader.eval(element.get('eval'), model_name)
        args = list(evaluated) if isinstance(evaluated, (list, tuple)) else [evaluated]
    kwargs = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        with loader.located(child):
            if child.tag != 'value':
                raise ValueError('unexpected element <%s> inside <function> (only <value> is allowed)' % child.tag)
            value = eval_value(loader, child, model_name)
            if child.get('name'):
                kwargs[child.get('name')] = value
            else:
                args.append(value)
    method = getattr(type(Model), method_name, None)
    if not callable(method):
        raise ValueError("model '%s' has no method '%s'" % (model_name, method_name))
    return call_method(Model, method_name, args, kwargs)


def call_method(Model, method_name, args, kwargs):
    """Call `method_name` on `Model` the RPC way: ids first unless the method is ``@api.model``."""
    try:
        from framework.api import call_kw
    except ImportError:
        call_kw = None
    if call_kw is not None:
        return call_kw(Model, method_name, args, kwargs)
    method = getattr(type(Model), method_name)
    if getattr(method, '_api', None) in ('model', 'model_create') or not args:
        return getattr(Model, method_name)(*args, **kwargs)
    ids, rest = args[0], args[1:]
    ids = [ids] if isinstance(ids, int) else list(ids or ())
    return getattr(Model.browse(ids), method_name)(*rest, **kwargs)


def load_delete(loader, element):
    """Delete the records named by ``id=`` and/or found by ``search=``, with their external ids.

    A missing id or an empty search is not an error: the record is already gone.
    """
    model_name = loader.require(element, 'model')
    Model = loader.model(model_name)
    ids = set()
    if element.get('search'):
        ids.update(Model.search(loader.eval(element.get('search'), model_name)).ids)
    if element.get('id'):
        res_id = loader.ref(element.get('id'), raise_if_not_found=False)
        if res_id:
            ids.add(res_id)
        else:
            _logger.info('%s, line %s: nothing to delete, %s is already gone',
                         loader.filename, element.sourceline, element.get('id'))
    records = Model.browse(sorted(ids)).exists()
    if records:
        deleted = records.ids
        records.unlink()
        loader.env['ir.model.data']._forget_xmlids(model_name, deleted)


def load_workflow(loader, element):
    """Send the workflow signal ``action`` to the record ``ref`` of ``model`` (OpenERP 5)."""
    model_name = loader.require(element, 'model')
    action = loader.require(element, 'action')
    Model = loader.model(model_name)
    if element.get('ref'):
        res_id = loader.ref(element.get('ref'))
    else:
        res_id = eval_value(loader, element[0], model_name) if len(element) else None
    if not res_id:
        raise ValueError('<workflow> needs a ref attribute or a <value> naming the record')
    records = Model.browse([res_id])
    signal = getattr(records, 'signal_workflow', None)
    if signal is None:
        raise ValueError("model '%s' has no workflow (signal_workflow is missing)" % model_name)
    signal(action)
