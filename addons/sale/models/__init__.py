"""Models of the sale addon, one idea per file."""
from . import sale_shop
from . import sale_order
from . import sale_order_line
from . import sale_order_numbering
from . import sale_order_states
from . import res_partner
