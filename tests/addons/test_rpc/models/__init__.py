from . import item
