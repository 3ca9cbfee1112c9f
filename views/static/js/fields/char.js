/**
 * The base of every form field widget (`FieldWidget`) and the char widget.
 *
 * A widget draws one field of a `Record` in `.o_field_widget.o_field_<type>[name]`:
 * an input in edit mode, text in read mode. It writes what the user types
 * into the record (`record.update`) and asks for the on-change when the
 * user leaves the input (`commit`).
 */
import { el } from '../dom.js';
import { formatValue } from './format.js';

let nextInputId = 1;

export class FieldWidget {
    /**
     * `record`: the Record; `name`: the field; `field`: its fields_get
     * description; `node`: its arch node (or null); `readonly`: the initial
     * read-only state; `env`: what relational widgets need (models, the
     * view manager, the parent form).
     */
    constructor({ record, name, field, node = null, readonly = false, env = {} }) {
        this.record = record;
        this.name = name;
        this.field = field || { type: 'char', string: name };
        this.node = node;
        this.readonly = readonly;
        this.required = false;
        this.env = env;
        this.inputId = `o_field_input_${nextInputId++}`;
        this.element = el('div', { class: `o_field_widget o_field_${this.widgetType}`, name });
    }

    /** The type named in the class `o_field_<type>`. */
    get widgetType() {
        return this.field.type;
    }

    get value() {
        const value = this.record.data[this.name];
        return value === undefined ? false : value;
    }

    attr(name) {
        return this.node && this.node.getAttribute ? this.node.getAttribute(name) : null;
    }

    /** Write `value` in the record; `commit` also runs the on-change (the user is done with it). */
    setValue(value, { commit = true } = {}) {
        this.record.update(this.name, value, { origin: this });
        if (commit) {
            return this.commit();
        }
        return Promise.resolve();
    }

    commit() {
        return this.record.commit(this.name, this.node);
    }

    /** Redraw from the record's value. */
    render() {
        this.element.replaceChildren();
        this.element.classList.toggle('o_readonly_modifier', this.readonly);
        this.element.classList.toggle('o_required_modifier', this.required && !this.readonly);
        if (this.readonly) {
            this.renderReadonly();
        } else {
            this.renderEdit();
        }
        return this.element;
    }

    renderReadonly() {
        this.element.appendChild(el('span', { class: 'o_field_value' }, formatValue(this.value, this.field)));
    }

    renderEdit() {
        this.renderReadonly();
    }

    setReadonly(readonly) {
        if (readonly !== this.readonly) {
            this.readonly = readonly;
            this.render();
        }
    }

    setRequired(required) {
        if (required !== this.required) {
            this.required = required;
            this.element.classList.toggle('o_required_modifier', required && !this.readonly);
        }
    }

    /** Whether the field counts as not filled in for `required`. */
    isEmpty() {
        const value = this.value;
        return value === false || value === null || value === undefined || value === '';
    }

    setInvalid(invalid) {
        this.element.classList.toggle('o_field_invalid', invalid);
    }

    focus() {
        const input = this.element.querySelector('input, textarea, select, [contenteditable]');
        if (input) {
            input.focus();
        }
    }

    destroy() {}
}

/** A one-line text: `input` (or `password="True"`), `size` as maxlength. */
export class CharField extends FieldWidget {
    renderEdit() {
        const password = ['1', 'True', 'true'].includes(this.attr('password'));
        const input = el('input', {
            type: password ? 'password' : 'text', id: this.inputId, class: 'o_input', name: this.name,
            maxlength: this.field.size || null, autocomplete: 'off', placeholder: this.attr('placeholder'),
        });
        input.value = this.value || '';
        input.addEventListener('input', () => this.setValue(input.value, { commit: false }));
        input.addEventListener('change', () => this.setValue(input.value || false));
        this.element.appendChild(input);
    }

    renderReadonly() {
        const password = ['1', 'True', 'true'].includes(this.attr('password'));
        const text = this.value ? (password ? '********' : String(this.value)) : '';
        this.element.appendChild(el('span', { class: 'o_field_value' }, text));
    }
}
