"""Wizards of sale_crm: Convert to Quote (cases) and Make Case (partners)."""
from . import crm_case_make_order
from . import partner_make_case
