from . import order
from . import tag
from . import order_extension
