"""Model definitions of the base addon, one idea per file.

Order matters only for readability: the registry resolves relations once every
class is loaded.
"""
from . import ir_model
from . import ir_model_fields_selection
from . import ir_model_terms
from . import ir_module
from . import ir_model_data
from . import ir_config_parameter
from . import ir_sequence
from . import ir_attachment
from . import ir_attachment_access
from . import ir_mail_server
from . import mail_mail
from . import ir_actions
from . import ir_actions_server
from . import ir_cron
from . import ir_ui_menu
from . import ir_ui_view
from . import ir_values
from . import ir_model_access
from . import ir_rule
from . import res_lang
from . import res_currency
from . import res_country
from . import res_request_link
from . import res_partner_title
from . import res_partner_category
from . import res_partner
from . import res_partner_address
from . import res_partner_canal
from . import res_partner_som
from . import res_partner_event
from . import res_company
from . import res_groups
from . import res_users
from . import res_users_login_failure
from . import workflow
from . import mail_gateway_message
from . import mail_gateway_failure
from . import mail_thread
from . import fetchmail_server
