"""The OpenERP 5.0 CRM: cases, sections, rules, history, gateway, segmentation."""
from . import models
from . import wizard
from . import report
