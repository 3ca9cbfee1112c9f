"""Field types, one file per family; see `field.Field` for the contract."""
from .field import Field
from .text import Char, Text, Html
from .numeric import Integer, Float, Monetary
from .boolean import Boolean
from .temporal import Date, Datetime
from .selection import Selection
from .reference import Reference
from .binary import Binary
from .many2one import Many2one
from .x2many import One2many, Many2many
from .id import Id
from ..commands import Command

__all__ = [
    'Field', 'Char', 'Text', 'Html', 'Integer', 'Float', 'Monetary', 'Boolean',
    'Date', 'Datetime', 'Selection', 'Reference', 'Binary', 'Many2one',
    'One2many', 'Many2many', 'Id', 'Command',
]
