/**
 * A selection field (`select` of its values) and `widget="selection"` on a
 * many2one: a `select` of the records `name_search` finds in the field's domain.
 */
import { el } from '../dom.js';
import { call } from '../rpc.js';
import { FieldWidget } from './char.js';
import { selectionLabel } from './format.js';
import { fieldDomain, fieldContext } from './many2one.js';

export class SelectionField extends FieldWidget {
    renderEdit() {
        const select = el('select', { id: this.inputId, class: 'o_input', name: this.name });
        select.appendChild(el('option', { value: '' }, ''));
        for (const [key, label] of this.field.selection || []) {
            const option = el('option', { value: String(key) }, label);
            option.selected = key === this.value;
            select.appendChild(option);
        }
        select.addEventListener('change', () => {
            const pair = (this.field.selection || []).find(([key]) => String(key) === select.value);
            this.setValue(pair ? pair[0] : false);
        });
        this.element.appendChild(select);
    }

    renderReadonly() {
        this.element.appendChild(el('span', { class: 'o_field_value' }, this.value ? selectionLabel(this.value, this.field) : ''));
    }
}

export class Many2OneSelectField extends FieldWidget {
    get widgetType() {
        return 'selection';
    }

    renderEdit() {
        const select = el('select', { id: this.inputId, class: 'o_input', name: this.name });
        const current = Array.isArray(this.value) ? this.value : null;
        select.appendChild(el('option', { value: '' }, ''));
        if (current) {
            select.appendChild(el('option', { value: String(current[0]), selected: true }, current[1] || ''));
        }
        select.addEventListener('change', () => {
            const option = select.selectedOptions[0];
            this.setValue(select.value ? [parseInt(select.value, 10), option.textContent] : false);
        });
        this.element.appendChild(select);
        this.fill(select, current);
    }

    async fill(select, current) {
        let pairs = [];
        try {
            pairs = await call(this.field.relation, 'name_search', ['', fieldDomain(this), 'ilike', 200],
                { context: fieldContext(this) });
        } catch (error) {
            return;
        }
        if (!select.isConnected && !this.element.contains(select)) {
            return;
        }
        select.replaceChildren(el('option', { value: '' }, ''));
        const currentId = current ? current[0] : null;
        const ids = new Set();
        for (const [id, name] of pairs) {
            ids.add(id);
            select.appendChild(el('option', { value: String(id), selected: id === currentId }, name));
        }
        if (current && !ids.has(currentId)) {
            select.appendChild(el('option', { value: String(currentId), selected: true }, current[1] || ''));
        }
    }

    renderReadonly() {
        this.element.appendChild(el('span', { class: 'o_field_value' }, Array.isArray(this.value) ? this.value[1] : ''));
    }
}
