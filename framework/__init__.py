"""A small metadata-driven business framework in the OpenERP/Odoo tradition.

Addons write ``from framework import api, fields, models, _`` and raise the
exceptions of `framework.exceptions`.
"""
from . import exceptions  # noqa: F401
from . import api, fields, models  # noqa: F401
from .tools.translate import _  # noqa: F401
from .orm.commands import Command  # noqa: F401

SUPERUSER_ID = 1
version_info = (17, 0, 0, 'final', 0, '')
__version__ = '17.0'

