"""Model base classes for addons: ``from framework import models``."""
from .orm.models import BaseModel, AbstractModel, Model, TransientModel, MetaModel  # noqa: F401
from .orm.domain import AND, OR, normalize as normalize_domain  # noqa: F401
