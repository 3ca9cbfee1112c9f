"""Sales: quotations and sales orders, their lines, shops and the order life cycle."""
from . import models
from . import report
