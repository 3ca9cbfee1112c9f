"""Models of the crm addon, one idea per file (imports added as files land)."""
from . import crm_case_section
from . import crm_case_categ
from . import crm_case
from . import crm_case_log
from . import crm_partner
from . import crm_mail
from . import crm_case_actions
from . import crm_case_rule
from . import crm_case_gateway
from . import crm_segmentation
