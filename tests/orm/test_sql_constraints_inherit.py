"""An extension's ``_sql_constraints`` add to those of the model it extends (test_orm's order)."""
import pytest

from framework.exceptions import ValidationError


def test_the_extension_keeps_the_models_own_constraints(env):
    names = {name for name, _definition, _message in env['test.orm.order']._sql_constraints}
    assert names == {'name_uniq', 'name_not_blank'}


def test_both_constraints_hold_in_the_database(env):
    orders = env['test.orm.order'].sudo()
    orders.create({'name': 'SO-UNIQUE'})
    for name, message in (('SO-UNIQUE', 'must be unique'), ('   ', 'cannot be blank')):
        with pytest.raises(ValidationError, match=message), env.cr.savepoint():
            orders.create({'name': name})
            env.flush_all()
