{
    'name': 'Scheduler test jobs',
    'version': '1.0',
    'summary': 'A counter that the scheduler tests (tests/cron/) call from ir.cron jobs',
    'depends': ['base'],
    'data': ['security/ir.model.access.csv'],
    'installable': True,
}
