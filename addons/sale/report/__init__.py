"""Reports of the sale addon."""
from . import sale_order_report
