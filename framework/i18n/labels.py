"""Labels of models, fields and selection values in the user's language.

The code holds the English labels; their translations are values of the
translated fields ``ir.model.name``, ``ir.model.fields.field_description``
/ ``help`` and ``ir.model.fields.selection.name``, loaded from ``.po``
files. These functions read them with one query per kind and model.
"""
from . import SOURCE_LANG


def translate_descriptions(env, model_name, descriptions):
    """Put the labels, helps and selection labels of `env.lang` into `descriptions`.

    `descriptions` is the ``{field name: description}`` dict of ``fields_get``;
    it is changed in place and returned. Labels without a translation stay
    as the code gives them.
    """
    lang = env.lang
    if lang == SOURCE_LANG or not descriptions or 'ir.model.fields' not in env.registry:
        return descriptions
    cr = env.cr
    cr.execute('SELECT name, field_description->>%s, help->>%s FROM ir_model_fields '
               'WHERE model = %s AND name IN %s',
               (lang, lang, model_name, tuple(descriptions)))
    for name, label, help_text in cr.fetchall():
        description = descriptions[name]
        if label and 'string' in description:
            description['string'] = label
        if help_text and description.get('help'):
            description['help'] = help_text
    with_selection = tuple(name for name, d in descriptions.items() if d.get('selection'))
    if with_selection and 'ir.model.fields.selection' in env.registry:
        cr.execute('SELECT f.name, s.value, s.name->>%s FROM ir_model_fields_selection s '
                   'JOIN ir_model_fields f ON f.id = s.field_id '
                   'WHERE f.model = %s AND f.name IN %s AND s.name ? %s',
                   (lang, model_name, with_selection, lang))
        labels = {}
        for name, value, label in cr.fetchall():
            labels.setdefault(name, {})[value] = label
        for name, by_value in labels.items():
            descriptions[name]['selection'] = [
                [pair[0], by_value.get(str(pair[0]), pair[1])]
                for pair in descriptions[name]['selection']]
    return descriptions


def model_description(env, model_name):
    """The name of model `model_name` in `env.lang` (``_description`` when untranslated)."""
    model = env.registry[model_name] if model_name in env.registry else None
    default = (model._description if model is not None else None) or model_name
    if env.lang == SOURCE_LANG or 'ir.model' not in env.registry:
        return default
    env.cr.execute('SELECT name->>%s FROM ir_model WHERE model = %s', (env.lang, model_name))
    row = env.cr.fetchone()
    return (row and row[0]) or default


def selection_label(env, model_name, field_name, value):
    """The label of one selection value in `env.lang` (the code's label when untranslated)."""
    field = env[model_name]._fields[field_name]
    label = dict(field.get_values(env)).get(value, value)
    if env.lang == SOURCE_LANG or 'ir.model.fields.selection' not in env.registry:
        return label
    env.cr.execute('SELECT s.name->>%s FROM ir_model_fields_selection s '
                   'JOIN ir_model_fields f ON f.id = s.field_id '
                   'WHERE f.model = %s AND f.name = %s AND s.value = %s',
                   (env.lang, model_name, field_name, str(value)))
    row = env.cr.fetchone()
    return (row and row[0]) or label
