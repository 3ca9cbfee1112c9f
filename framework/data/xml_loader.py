"""Loading one XML data file: parsing, the document roots, and dispatch by tag.

The tags themselves live in `xml_records` (record, function, delete) and
`xml_shortcuts` (menuitem, act_window, report); this module holds what they
share: the loader state (module, mode, noupdate, the local ids seen so far),
reference resolution, expression evaluation and the error placement.
"""
import datetime
import logging
import os
import time

from lxml import etree

from framework.exceptions import DataError

from . import xml_records, xml_shortcuts
from .errors import located
from .safe_eval import safe_eval
from .xml_values import str2bool

_logger = logging.getLogger(__name__)

ROOT_TAGS = ('odoo', 'openerp')

# Tags of old files that we accept and skip: their features do not exist here.
IGNORED_TAGS = ('ir_set', 'wizard', 'assert', 'report_xml')


def parse_xml(path, display_name):
    """Parse the file at `path` safely and return its root element.

    Entities are not resolved and the network is off; a syntax error becomes
    a DataError at the line lxml reports.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise DataError('malformed XML: %s' % exc.msg, display_name, exc.lineno) from None
    except OSError as exc:
        raise DataError('cannot read the file: %s' % exc, display_name) from None


class XmlLoader:
    """Loads the elements of one XML data file of `module` into `env`.

    `mode` is 'init' (install) or 'update' (upgrade); `noupdate` is the
    default flag of the records, overridden by ``noupdate="1"`` on the root or
    a ``<data>`` node. `idref` maps the ids seen so far to database ids and is
    shared across the files of a module.
    """

    TAGS = {
        'record': xml_records.load_record,
        'function': xml_records.load_function,
        'delete': xml_records.load_delete,
        'workflow': xml_records.load_workflow,
        'menuitem': xml_shortcuts.load_menuitem,
        'act_window': xml_shortcuts.load_act_window,
        'report': xml_shortcuts.load_report,
    }

    def __init__(self, env, module, filename, path, idref=None, mode='init', noupdate=False):
        self.env = env
        self.module = module
        self.filename = filename          # shown to people in error messages
        self.path = path                  # where the file really is
        self.idref = idref if idref is not None else {}
        self.mode = mode
        self.noupdate = noupdate
        self.addon_dir = find_addon_dir(path)

    # -- document structure --------------------------------------------------

    def load(self, root):
        """Load every element under the document `root` (``<odoo>`` or ``<openerp>``)."""
        if root.tag not in ROOT_TAGS:
            raise DataError('the root element must be <odoo> or <openerp>, not <%s>' % root.tag,
                            self.filename, root.sourceline)
        default = self.noupdate
        self.noupdate = str2bool(root.get('noupdate'), default)
        try:
            self._load_children(root)
        finally:
            self.noupdate = default

    def _load_children(self, parent):
        for element in parent:
            if not isinstance(element.tag, str):     # processing instructions, entities
                continue
            if element.tag == 'data':
                outer = self.noupdate
                self.noupdate = str2bool(element.get('noupdate'), outer)
                try:
                    self._load_children(element)
                finally:
                    self.noupdate = outer
                continue
            self.load_element(element)

    def load_element(self, element):
        """Load one top-level element; any failure becomes a DataError at its line."""
        handler = self.TAGS.get(element.tag)
        with self.located(element):
            if handler is None:
                if element.tag in IGNORED_TAGS:
                    _logger.warning('%s, line %s: <%s> is not supported and was skipped',
                                    self.filename, element.sourceline, element.tag)
                    return
                raise ValueError('unknown element <%s>' % element.tag)
            handler(self, element)

    # -- shared services for the tag handlers --------------------------------

    def located(self, element):
        """Context manager placing any error of the block at `element`'s line of this file."""
        return located(self.filename, element.sourceline)

    def model(self, name):
        """Return the empty recordset of model `name`, or raise a sentence naming it."""
        if not name:
            raise ValueError('the model attribute is missing')
        try:
            return self.env[name]
        except KeyError:
            raise ValueError("model '%s' does not exist (is the addon defining it in 'depends'?)"
                             % name) from None

    def require(self, element, attribute):
        """Return the value of `attribute` of `element`, which must be present and non-empty."""
        value = element.get(attribute)
        if not value:
            raise ValueError('<%s> needs a %s attribute' % (element.tag, attribute))
        return value

    def xmlid(self, local_id):
        """Return the full external id ('module.name') for an id written in this file."""
        if '.' in local_id:
            module, name = local_id.split('.', 1)
            if not module or not name or '.' in name:
                raise ValueError("invalid id %r: use 'name' or 'module.name'" % local_id)
            return local_id
        return '%s.%s' % (self.module, local_id)

    def ref(self, xmlid, raise_if_not_found=True):
        """Return the database id named by `xmlid` (local or 'module.name'), or False."""
        if xmlid in self.idref:
            return self.idref[xmlid]
        full = self.xmlid(xmlid)
        try:
            _model, res_id, _noupdate = self.env['ir.model.data']._xmlid_lookup(full)
        except ValueError:
            if raise_if_not_found:
                raise
            return False
        return res_id

    def ref_model(self, xmlid):
        """Return ``(model, res_id)`` named by `xmlid`; raise ValueError if unknown."""
        model, res_id, _noupdate = self.env['ir.model.data']._xmlid_lookup(self.xmlid(xmlid))
        return model, res_id

    def eval_context(self, model_name=None):
        """Names available to expressions: ref, obj (browse of `model_name`), time, datetime..."""
        context = dict(
            self.idref,
            ref=self.ref,
            time=time,
            datetime=datetime.datetime,
            DateTime=datetime.datetime,
            timedelta=datetime.timedelta,
            date=datetime.date,
            version=framework_version(),
            uid=self.env.uid,
            Command=command_class(),
        )
        if model_name:
            context['obj'] = self.model(model_name).browse
        return context

    def eval(self, expression, model_name=None):
        """Evaluate an attribute's Python `expression` in the data-file context."""
        return safe_eval(expression, self.eval_context(model_name))

    def eval_context_attr(self, element):
        """Return the dict of ``context="..."`` on `element` (empty if absent)."""
        expression = element.get('context')
        if not expression:
            return {}
        value = self.eval(expression)
        if not isinstance(value, dict):
            raise ValueError('context must evaluate to a dictionary, not %r' % (value,))
        return value

    def resolve_file(self, relative):
        """Return the real path of `relative` (inside this addon, or 'module/...' in the addons dir)."""
        if self.addon_dir is None:
            raise ValueError('cannot locate file %r: the data file is not inside an addon' % relative)
        root = os.path.dirname(self.addon_dir)
        candidates = [os.path.join(self.addon_dir, relative), os.path.join(root, relative)]
        for candidate in candidates:
            real = os.path.realpath(candidate)
            # never read outside the addons directory, whatever the path says
            if real.startswith(os.path.realpath(root) + os.sep) and os.path.isfile(real):
                return real
        raise ValueError('file %r does not exist in addon %r' % (relative, self.module))


def find_addon_dir(path):
    """Return the directory of the addon containing `path` (with a manifest), or None."""
    directory = os.path.dirname(os.path.abspath(path))
    while True:
        if any(os.path.isfile(os.path.join(directory, name))
               for name in ('__manifest__.py', '__openerp__.py', '__terp__.py')):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def framework_version():
    """The framework's version string, offered to expressions as `version`."""
    try:
        import framework
        return getattr(framework, '__version__', None) or getattr(framework, 'version', '1.0')
    except ImportError:  # pragma: no cover - framework is always importable here
        return '1.0'


def command_class():
    """The x2many `Command` helper, offered to expressions as `Command`."""
    from framework.orm.commands import Command
    return Command


def convert_xml_import(env, module, path, display_name, idref=None, mode='init', noupdate=False):
    """Load the XML data file at `path`; errors are DataErrors naming `display_name` and a line."""
    root = parse_xml(path, display_name)
    XmlLoader(env, module, display_name, path, idref, mode, noupdate).load(root)
