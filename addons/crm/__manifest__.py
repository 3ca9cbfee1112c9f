{
    'name': 'Customer & Supplier Relationship Management',
    'version': '5.0.1.0',
    'category': 'Generic Modules/CRM & SRM',
    'author': 'Tiny',
    'website': 'http://www.openerp.com',
    'summary': 'Cases, sections, rules, communication history and partner segmentation',
    'description': """
The generic OpenERP Customer Relationship Management
system enables a group of people to intelligently and efficiently manage
leads, opportunities, tasks, issues, requests, bugs, campaign, claims, etc.
It manages key tasks such as communication, identification, prioritization,
assignment, resolution and notification.

OpenERP ensures that all cases are successfully tracked by users, customers and
suppliers. It can automatically send reminders, escalate the request, trigger
specific methods and lots of others actions based on your enterprise own rules.

The greatest thing about this system is that users don't need to do anything
special. They can just send email to the request tracker. OpenERP will take
care of thanking them for their message, automatically routing it to the
appropriate staff, and making sure all future correspondence gets to the right
place.

The CRM module has a email gateway for the synchronisation interface
between mails and OpenERP.
""",
    'depends': ['base'],
    # the 5.0 order: init_xml, then update_xml (views, report, wizard, security)
    'data': [
        'data/crm_data.xml',
        'data/crm_rule_cron.xml',
        'views/crm_case_section_views.xml',
        'views/crm_case_rule_views.xml',
        'views/crm_case_views.xml',
        'views/crm_case_actions.xml',
        'views/crm_segmentation_views.xml',
        'views/res_partner_views.xml',
        'views/crm_menus.xml',
        'report/crm_report.xml',
        'wizard/crm_wizard.xml',
        'security/crm_security.xml',
        'security/ir.model.access.csv',
    ],
    'demo': [
        'demo/crm_demo.xml',
    ],
    'installable': True,
    'application': True,
    'auto_install': False,
}
