"""Products as a sales person sees them: demo catalogue, names with codes, search by code."""
import pytest

from framework.exceptions import ValidationError


def test_demo_catalogue_and_defaults(env):
    laptop = env.ref('product.product_laptop')
    assert (laptop.name, laptop.default_code, laptop.list_price) == ('Laptop', 'LAP', 1200.0)
    assert laptop.uom_id == env.ref('product.product_uom_unit')
    assert laptop.uom_id.name == 'Unit(s)'
    assert laptop.sale_ok
    fresh = env['product.product'].create({'name': 'Cable'})
    assert fresh.uom_id == env.ref('product.product_uom_unit')
    assert fresh.categ_id == env.ref('product.product_category_all')
    assert fresh.sale_ok and fresh.list_price == 1.0


def test_display_name_and_search_by_code(env):
    laptop = env.ref('product.product_laptop')
    assert laptop.display_name == '[LAP] Laptop'
    assert dict(env['product.product'].name_search('LAP'))[laptop.id] == '[LAP] Laptop'
    assert laptop.id in dict(env['product.product'].name_search('lapt'))
    nocode = env['product.product'].create({'name': 'Cable'})
    assert nocode.name_get() == [(nocode.id, 'Cable')]


def test_category_tree_names_and_recursion(env):
    computers = env.ref('product.product_category_computers')
    assert computers.display_name == 'All products / Computers'
    with pytest.raises(ValidationError, match='recursive categories'):
        env.ref('product.product_category_all').write({'parent_id': computers.id})


def test_views_load_and_menu(env):
    form = env['product.product'].fields_view_get(view_type='form')
    assert 'list_price' in form['arch'] and 'uom_id' in form['fields']
    menu = env.ref('product.menu_products')
    assert menu.complete_name == 'Products/Products'
