"""From an opportunity to a quotation: the bridge between crm and sale (SPEC-crm §11)."""
from . import models
from . import wizard
