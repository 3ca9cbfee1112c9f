from . import document_configuration_wizard
