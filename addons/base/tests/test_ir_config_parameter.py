"""System parameters are read with a default, set, replaced and removed by key."""


def test_get_set_and_remove(env):
    params = env['ir.config_parameter']
    assert params.get_param('test.answer') is False
    assert params.get_param('test.answer', '42') == '42'
    assert params.set_param('test.answer', 41) is False
    assert params.get_param('test.answer') == '41'
    assert params.set_param('test.answer', '42') == '41'
    assert params.get_param('test.answer') == '42'
    assert params.search_count([('key', '=', 'test.answer')]) == 1
    params.set_param('test.answer', False)
    assert params.get_param('test.answer', 'gone') == 'gone'
