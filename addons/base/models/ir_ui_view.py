"""Views: the XML descriptions (arch) of forms, lists, searches… of a model.

A *primary* view stands alone; an *extension* view (``inherit_id`` set,
``mode='extension'``) patches its parent wherever the parent is shown. A
primary view with an ``inherit_id`` is a new view built from its parent's
combined arch. The combined arch is computed on request from the records,
never stored: changing or removing an extension changes every view it
patches. Every create or write validates the combined arch it affects, so a
broken view is refused when its data file loads (see `framework.views`).
"""

from framework import api, fields, models
from framework.exceptions import ValidationError
from framework.views import apply_inheritance, arch_to_string, check_arch, parse_arch
from framework.views.arch import view_type_of


VIEW_TYPES = [
    ('tree', 'Tree'), ('form', 'Form'), ('graph', 'Graph'), ('calendar', 'Calendar'),
    ('search', 'Search'), ('kanban', 'Kanban'),
]
# root tags an extension arch may have: a spec, or a <data> of specs
_SPEC_ROOTS = ('data', 'xpath')


class View(models.Model):
    """A view of a model; an extension view patches its parent's arch."""

    _name = 'ir.ui.view'
    _description = 'View'
    _order = 'priority, name, id'

    name = fields.Char(string='View Name', size=128, required=True)
    model = fields.Char(string='Object', size=64, index=True, help='Model the view shows.')
    type = fields.Selection(VIEW_TYPES, string='View Type',
                            help='Kind of view; taken from the root element of the arch when empty.')
    arch = fields.Text(string='View Architecture', help='XML description of the view.')
    inherit_id = fields.Many2one('ir.ui.view', string='Inherited View', ondelete='cascade', index=True,
                                 help='The view this one modifies.')
    inherit_children_ids = fields.One2many('ir.ui.view', 'inherit_id', string='Views which inherit from this one')
    mode = fields.Selection([('primary', 'Base view'), ('extension', 'Extension View')],
                            string='View inheritance mode', required=True, default='primary',
                            help="'Extension' views patch their parent; 'primary' ones stand alone.")
    priority = fields.Integer(string='Sequence', required=True, default=16,
                              help='Among views of the same type, the lowest priority is the default.')
    field_parent = fields.Char(string='Child Field', size=64,
                               help='One2many field giving the children in a hierarchical tree view.')
    active = fields.Boolean(string='Active', default=True)

    # ------------------------------------------------------------------
    # create / write: fill what the arch and the parent imply
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create views; ``mode`` defaults to extension when ``inherit_id`` is set, and
        ``model`` and ``type`` come from the parent or the arch when not given."""
        vals_list = [self._complete_values(dict(vals)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        """Update views; the combined archs they take part in are validated again."""
        if vals.get('inherit_id') and 'mode' not in vals and len(self) == 1 and not self.inherit_id:
            vals = dict(vals, mode='extension')
        return super().write(vals)

    def _complete_values(self, vals):
        parent = self.browse(vals['inherit_id']) if vals.get('inherit_id') else None
        if parent is not None:
            vals.setdefault('mode', 'extension')
            vals.setdefault('model', parent.model)
            if not vals.get('type'):
                vals['type'] = parent.type
        if not vals.get('type') and vals.get('arch') and vals.get('mode', 'primary') == 'primary':
            try:
                vals['type'] = view_type_of(parse_arch(vals['arch']))
            except ValidationError:
                pass        # the constraint names the problem with the view's name
        return vals

    # ------------------------------------------------------------------
    # inheritance
    # ------------------------------------------------------------------
    def _label(self):
        """How errors name the view: its name and, when known, its model."""
        return "'%s'" % (self.name or self.id)

    def _extension_children(self):
        """Active extension views of self, in the order they apply (priority, then id)."""
        return self.search([('inherit_id', '=', self.id), ('mode', '=', 'extension')],
                           order='priority, id')

    def _primary_view(self):
        """The nearest primary view of self, or its ancestors, i.e. the view it patches."""
        view, seen = self, set()
        while view.mode == 'extension' and view.inherit_id:
            if view.id in seen:
                raise ValidationError('View %s inherits from itself.' % self._label())
            seen.add(view.id)
            view = view.inherit_id
        return view

    def _apply_extensions(self, root):
        """Apply the extension views under self, depth first, to `root`; return the result."""
        for child in self._extension_children():
            root = apply_inheritance(root, parse_arch(child.arch, 'view %s' % child._label()),
                                     child._label())
            root = child._apply_extensions(root)
        return root

    def _get_combined_arch(self):
        """The root element of the arch a client gets for this view.

        An extension view returns the combined arch of the primary view it
        patches; a primary view with a parent starts from the parent's
        combined arch and applies its own arch as specs.
        """
        self.ensure_one()
        view = self._primary_view()
        if view.inherit_id:
            base = view.inherit_id._get_combined_arch()
            root = apply_inheritance(base, parse_arch(view.arch, 'view %s' % view._label()),
                                     view._label())
        else:
            root = parse_arch(view.arch, 'view %s' % view._label())
        return view._apply_extensions(root)

    @api.model
    def default_view(self, model, view_type):
        """Return the id of the default view of `view_type` for `model` (0 if none): the
        primary view with the lowest priority."""
        view_type = 'tree' if view_type == 'list' else view_type
        view = self.search([('model', '=', model), ('type', '=', view_type), ('mode', '=', 'primary')],
                           limit=1)
        return view.id or 0

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------
    @api.constrains('arch', 'inherit_id', 'model', 'mode', 'type', 'active')
    def _check_xml(self):
        """Refuse a view whose arch, combined with its parents and extensions, is not a
        valid view of its model (malformed XML, unknown field or method, bad xpath)."""
        to_check = self.browse()
        for view in self:
            parse_arch(view.arch, 'view %s' % view._label())     # malformed XML first
            if view.mode == 'extension' and not view.inherit_id:
                raise ValidationError('View %s is an extension view without parent view (inherit_id).'
                                      % view._label())
            if view.inherit_id and view.inherit_id.model and view.model \
                    and view.model != view.inherit_id.model and view.mode == 'extension':
                raise ValidationError("View %s extends a view of model '%s' but is for model '%s'."
                                      % (view._label(), view.inherit_id.model, view.model))
            primary = view._primary_view()
            if primary != view:
                # name the extension: it is the one that has to be fixed
                label = '%s (extended by %s)' % (primary._label(), view._label())
                primary._validate_combined(label)
            else:
                to_check |= view
        for primary in to_check:
            primary._validate_combined()

    def _validate_combined(self, label=None):
        """Validate the combined arch of this primary view and of the primary views built on it;
        errors name the view as `label` (default: its name)."""
        if not self.active:
            return
        label = label or self._label()
        if not self.model:
            raise ValidationError('View %s does not name its model.' % self._label())
        root = self._get_combined_arch()
        if self.type and self.type != view_type_of(root) and root.tag != 'data':
            raise ValidationError("View %s is of type '%s' but its arch is a <%s>."
                                  % (self._label(), self.type, root.tag))
        check_arch(self.env, self.model, root, label or self._label())
        for child in self.search([('inherit_id', '=', self.id), ('mode', '=', 'primary')]):
            child._validate_combined()

    # ------------------------------------------------------------------
    # what a client gets
    # ------------------------------------------------------------------
    def _read_combined(self):
        """``{'arch': text, 'id', 'model', 'name', 'type', 'field_parent'}`` of this view, combined."""
        self.ensure_one()
        root = self._get_combined_arch()
        return {
            'arch': arch_to_string(root),
            'root': root,
            'id': self.id,
            'model': self.model,
            'name': self.name,
            'type': self.type or view_type_of(root),
            'field_parent': self.field_parent or False,
        }
