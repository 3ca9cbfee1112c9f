from . import order
from . import tag
