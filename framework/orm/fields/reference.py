"""`Reference`: a pointer to a record of any model, stored as ``'model,id'``."""
from .selection import Selection


class Reference(Selection):
    """A ``'model,id'`` string; reads as a record of that model or False.

    `selection` lists the models a user may pick ``[(model, label)]``, or
    names a method returning them (5.0's ``res.request.link`` list).
    """

    type = 'reference'
    column_type = 'varchar'
    sql_type = 'varchar'

    def setup(self, model_class, name):
        super().setup(model_class, name)
        self.column_type = 'varchar'
        self.sql_type = 'varchar'

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False or value == '':
            return None
        if hasattr(value, '_ids'):
            if not value._ids:
                return None
            return '%s,%s' % (value._name, value._ids[0])
        if isinstance(value, str) and ',' in value:
            model, _, res_id = value.partition(',')
            if validate and model not in record.env.registry:
                raise ValueError('Wrong value for %s: unknown model %r' % (self, model))
            return '%s,%d' % (model, int(res_id))
        raise ValueError("Wrong value for %s: %r (expected 'model,id')" % (self, value))

    def convert_to_record(self, value, record):
        if not value:
            return False
        model, _, res_id = value.partition(',')
        if model not in record.env.registry:
            return False
        return record.env[model].browse(int(res_id)).exists() or False

    def convert_to_read(self, value, record):
        return '%s,%s' % (value._name, value.id) if value else False

    def convert_to_write(self, value, record):
        return '%s,%s' % (value._name, value.id) if value else False

    def convert_to_export(self, value, record):
        return value.display_name if value else ''
