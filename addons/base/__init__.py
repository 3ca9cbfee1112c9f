"""The base addon: meta models (ir.*) and the core business objects (res.*)."""
from . import models
