"""Models of the product addon, one idea per file."""
from . import product_uom
from . import product_category
from . import product_product
