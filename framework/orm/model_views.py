"""What a client needs to draw a model's screens: views and the fields they use.

Three entry points, for three generations of clients:

* ``get_views(views, options)`` (Odoo 16+): every requested view's combined
  arch, plus one ``fields_get`` subset per model the archs use (sub-views of
  x2many fields included);
* ``get_view(view_id, view_type)``: one combined arch and the field names
  it uses per model;
* ``fields_view_get(view_id, view_type, toolbar, submenu)`` (OpenERP 5.0 …
  Odoo 15): one arch with the descriptions of its fields, sub-views of x2many
  fields moved into ``fields[name]['views']``, and the toolbar of bound
  actions.

Views come from ``ir.ui.view`` (base addon); a model without a view of the
asked type gets the default one of `framework.views.defaults`. The arch is
cut to what the user may see: nodes with ``groups=`` the user is not in and
fields restricted by ``groups`` are removed.
"""
from . import decorators as api
from ..views import arch_to_string, collect_fields, default_arch
from ..views.validation import SUB_VIEW_TAGS


class ViewsMixin:
    """View methods (part of `BaseModel`)."""

    __slots__ = ()

    @api.model
    def get_view(self, view_id=None, view_type='form', **options):
        """Return ``{'arch', 'id', 'model', 'name', 'type', 'field_parent', 'models'}``.

        `view_id` (falsy: the default view of `view_type`) is combined with its
        extensions; ``models`` maps each model the arch describes to the names
        of the fields it uses. ``id`` is False for a generated default view.
        """
        info = self._combined_view(view_id, view_type)
        root = info.pop('root')
        self._strip_for_user(root)
        info['arch'] = arch_to_string(root)
        info['models'] = collect_fields(self.env, self._name, root)
        return info

    @api.model
    def get_views(self, views, options=None):
        """Return ``{'views': {type: {'arch', 'id', 'model', 'fields'}}, 'models': {model: fields}}``.

        `views` is a list of ``[view_id or False, view_type]``; ``fields`` of a
        view describes the fields of the view's own model it uses, ``models``
        every model used by any of the views. Options: ``toolbar`` adds each
        non-search view's bound actions (``{'action': [...], 'print': [...]}``).
        """
        options = options or {}
        result, used = {}, {}
        for view_id, view_type in views:
            view = self.get_view(view_id, view_type, **options)
            view_models = view.pop('models')
            for model_name, names in view_models.items():
                used.setdefault(model_name, {}).update(dict.fromkeys(names))
            view['fields'] = self.fields_get(view_models.get(self._name, []))
            if options.get('toolbar') and view_type != 'search':
                view['toolbar'] = self._bound_actions_toolbar()
            result[view_type] = view
        models = {name: self.env[name].fields_get(list(names)) for name, names in used.items()}
        return {'views': result, 'models': models}

    @api.model
    def fields_view_get(self, view_id=None, view_type='form', toolbar=False, submenu=False):
        """Return the OpenERP 5.0 description of one view.

        Keys: ``arch``, ``fields`` (descriptions of the fields used; a
        relational field with sub-views gets ``views: {type: {'arch',
        'fields'}}`` and the sub-views leave the arch), ``model``, ``name``,
        ``type``, ``view_id``, ``field_parent`` and, with `toolbar`,
        ``toolbar: {'print', 'action', 'relate'}``.
        """
        info = self._combined_view(view_id, view_type)
        root = info['root']
        self._strip_for_user(root)
        description = {
            'fields': self._describe_arch(root),
            'arch': arch_to_string(root),
            'model': self._name,
            'name': info['name'],
            'type': info['type'],
            'view_id': info['id'] or 0,
            'field_parent': info['field_parent'],
        }
        if toolbar:
            description['toolbar'] = self._bound_actions_toolbar()
        return description

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    @api.model
    def _combined_view(self, view_id, view_type):
        """``{'root', 'id', 'model', 'name', 'type', 'field_parent'}`` of the view to show."""
        view_type = 'tree' if view_type == 'list' else view_type
        View = self.env['ir.ui.view'].sudo() if 'ir.ui.view' in self.env.registry else None
        if View is not None:
            view = View.browse(view_id) if view_id else View.browse(View.default_view(self._name, view_type))
            if view:
                info = view._read_combined()
                info['model'] = self._name
                return info
        root = default_arch(self, view_type)
        return {'root': root, 'id': False, 'model': self._name, 'type': view_type,
                'name': 'default', 'field_parent': False}

    def _strip_for_user(self, root):
        """Remove the nodes of `root` the user may not see (``groups=``, restricted fields)."""
        if self.env.su:
            return
        for node in list(root.iter()):
            if not isinstance(node.tag, str) or node.getparent() is None:
                continue
            groups = node.get('groups')
            if groups and not self._user_in_groups(groups):
                node.getparent().remove(node)

    def _describe_arch(self, root):
        """``fields_get`` of the fields `root` uses; sub-views move into ``views`` (5.0 shape)."""
        names = []
        sub_views = {}
        for node in self._own_field_nodes(root):
            name = node.get('name')
            if name not in self._fields:
                continue
            names.append(name)
            comodel = getattr(self._fields[name], 'comodel_name', None)
            for sub in list(node):
                if isinstance(sub.tag, str) and sub.tag in SUB_VIEW_TAGS and comodel:
                    node.remove(sub)
                    Comodel = self.env[comodel]
                    sub_views.setdefault(name, {})[sub.tag] = {
                        'fields': Comodel._describe_arch(sub),
                        'arch': arch_to_string(sub),
                    }
        fields = self.fields_get(names)
        for name, views in sub_views.items():
            if name in fields:
                fields[name]['views'] = views
        return fields

    @staticmethod
    def _own_field_nodes(root):
        """The ``<field>`` nodes of `root` not inside a sub-view of another field."""
        stack = [root]
        while stack:
            node = stack.pop()
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == 'field':
                    yield child
                else:
                    stack.append(child)
        if root.tag == 'calendar':
            for attribute in ('date_start', 'date_stop', 'date_delay', 'color'):
                if root.get(attribute):
                    yield root.makeelement('field', {'name': root.get(attribute)})

    @api.model
    def _bound_actions_toolbar(self):
        """Bound actions of this model: ``{'print': reports, 'action': actions, 'relate': ...}``."""
        if 'ir.actions.actions' not in self.env.registry:
            return {'print': [], 'action': [], 'relate': []}
        return self.env['ir.actions.actions']._get_toolbar(self._name)
