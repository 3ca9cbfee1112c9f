/**
 * Which widget draws a field in a form: `fieldWidget(field, node)` looks at
 * the node's `widget=` first, then at the field's type.
 */
import { CharField, FieldWidget } from './char.js';
import { TextField, HtmlField } from './text.js';
import { IntegerField, FloatField } from './number.js';
import { BooleanField } from './boolean.js';
import { DateField, DatetimeField } from './date.js';
import { SelectionField, Many2OneSelectField } from './selection.js';
import { Many2OneField } from './many2one.js';
import { One2ManyField, Many2ManyTagsField, Many2ManyListField } from './x2many.js';
import { BinaryField } from './binary.js';
import { ReferenceField } from './reference.js';

export { formatValue } from './format.js';

const BY_TYPE = {
    char: CharField,
    text: TextField,
    html: HtmlField,
    integer: IntegerField,
    float: FloatField,
    monetary: FloatField,
    boolean: BooleanField,
    date: DateField,
    datetime: DatetimeField,
    selection: SelectionField,
    many2one: Many2OneField,
    one2many: One2ManyField,
    many2many: Many2ManyTagsField,
    binary: BinaryField,
    reference: ReferenceField,
};

const BY_WIDGET = {
    text: TextField,
    html: HtmlField,
    char: CharField,
    email: CharField,
    url: CharField,
    float: FloatField,
    integer: IntegerField,
    boolean: BooleanField,
    date: DateField,
    datetime: DatetimeField,
    many2many_tags: Many2ManyTagsField,
    one2many_list: One2ManyField,
    many2many_list: Many2ManyListField,
    binary: BinaryField,
    image: BinaryField,
};

/** The widget class for `field` (a fields_get description) shown by `node` (its arch node, or null). */
export function fieldWidget(field, node = null) {
    const widget = node && node.getAttribute ? node.getAttribute('widget') : null;
    const type = field ? field.type : 'char';
    if (widget === 'selection' && type === 'many2one') {
        return Many2OneSelectField;
    }
    if (widget === 'selection' && type === 'selection') {
        return SelectionField;
    }
    if (type === 'many2many' && node && node.getAttribute && !widget
        && Array.from(node.children || []).some((child) => child.tagName === 'tree')) {
        return Many2ManyListField;
    }
    if (widget && BY_WIDGET[widget] && !(type === 'many2one' || type === 'one2many') ) {
        return BY_WIDGET[widget];
    }
    return BY_TYPE[type] || FieldWidget;
}
