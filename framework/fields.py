"""Field types for addons: ``from framework import fields``."""
from .orm.fields import *  # noqa: F401,F403
from .orm.fields import __all__  # noqa: F401
