/**
 * A reference field ('model,id'): a select of the allowed models and a
 * many2one-like input searching records of the chosen one.
 */
import { el } from '../dom.js';
import { call } from '../rpc.js';
import { notifyError } from '../notify.js';
import { FieldWidget } from './char.js';
import { openSearchMore } from './many2one.js';
import { _t } from '../translate.js';

/** `[model, id]` of a reference value ('model,id', or [string, name] as read gives it). */
function parseReference(value) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text || typeof text !== 'string' || !text.includes(',')) {
        return null;
    }
    const [model, id] = text.split(',');
    return [model, parseInt(id, 10)];
}

export class ReferenceField extends FieldWidget {
    async label() {
        const value = this.value;
        if (Array.isArray(value) && value[1]) {
            return value[1];
        }
        const ref = parseReference(value);
        if (!ref || !ref[1]) {
            return '';
        }
        try {
            const [[, name]] = await call(ref[0], 'name_get', [[ref[1]]]);
            return name;
        } catch (error) {
            return `${ref[0]},${ref[1]}`;
        }
    }

    renderReadonly() {
        const span = el('span', { class: 'o_field_value' });
        this.element.appendChild(span);
        this.label().then((text) => { span.textContent = text; });
    }

    renderEdit() {
        const ref = parseReference(this.value);
        const select = el('select', { class: 'o_input o_reference_model', name: `${this.name}_model` });
        select.appendChild(el('option', { value: '' }, ''));
        for (const [model, label] of this.field.selection || []) {
            select.appendChild(el('option', { value: model, selected: ref && ref[0] === model }, label));
        }
        const input = el('input', { type: 'text', class: 'o_input', id: this.inputId, name: this.name, autocomplete: 'off',
            disabled: !ref });
        const dropdown = el('ul', { class: 'o_m2o_dropdown', hidden: true });
        this.label().then((text) => { input.value = text; });
        select.addEventListener('change', () => {
            input.disabled = !select.value;
            input.value = '';
            this.setValue(false);
        });
        const choose = ([id, name]) => {
            dropdown.hidden = true;
            input.value = name;
            this.setValue([`${select.value},${id}`, name]);
        };
        let timer = null;
        const search = async () => {
            let rows;
            try {
                rows = await call(select.value, 'name_search', [input.value, [], 'ilike', 8]);
            } catch (error) {
                notifyError(error);
                return;
            }
            const item = (label, action) => {
                const li = el('li', { class: 'o_m2o_item' }, label);
                li.addEventListener('mousedown', (event) => { event.preventDefault(); action(); });
                return li;
            };
            dropdown.replaceChildren(...rows.map((pair) => item(pair[1], () => choose(pair))),
                item(_t('Search More…'), () => openSearchMore({ model: select.value, term: input.value, onSelect: choose })));
            dropdown.hidden = false;
        };
        input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
        input.addEventListener('blur', () => { dropdown.hidden = true; });
        this.element.append(select, el('div', { class: 'o_m2o_input' }, input, dropdown));
    }
}
