"""Every model of base can be reached by someone: no model without access lines."""


def test_every_base_model_has_access_lines(env):
    xmlids = env['ir.model.data'].search([('module', '=', 'base'), ('model', '=', 'ir.model')])
    models = set(env['ir.model'].browse(xmlids.mapped('res_id')).mapped('model'))
    covered = set(env['ir.model.access'].search([]).mapped('model_id.model'))
    abstract = {name for name in models if env.registry[name]._abstract}
    assert 'res.partner' in models
    assert sorted(models - covered - abstract) == []
