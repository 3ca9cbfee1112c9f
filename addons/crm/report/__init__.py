"""Reports of the crm addon."""
from . import business_opportunities
