"""Models of sale_crm."""
from . import crm_segmentation
