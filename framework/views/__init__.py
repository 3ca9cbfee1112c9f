"""Views: the XML ``arch`` of a form, list, search… and what is done with it.

`arch` parses and prints arch text safely; `inheritance` applies an extension
view's ``<xpath>``/``<field position=…>`` specs to its parent; `validation`
checks an arch against a model (fields, buttons, sub-views) and names the
fields it uses; `defaults` builds a view for a model that has none. None of
these touch the database: ``ir.ui.view`` (base addon) and the ORM mixin
`framework.orm.model_views` stitch them to records.
"""
from .arch import parse_arch, arch_to_string  # noqa: F401
from .inheritance import apply_inheritance  # noqa: F401
from .validation import check_arch, collect_fields  # noqa: F401
from .defaults import default_arch  # noqa: F401
