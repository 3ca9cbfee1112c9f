"""Products, their categories and units of measure (a minimal OpenERP 5.0 product)."""
from . import models
