"""Wizards of the crm addon."""
from . import crm_case_section_menu
