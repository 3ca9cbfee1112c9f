/** Integer, float and monetary fields: locale-aware text in read mode, a plain number input to edit. */
import { el } from '../dom.js';
import { FieldWidget } from './char.js';
import { formatFloat } from './format.js';
import { userLocale } from '../session.js';

class NumberField extends FieldWidget {
    parse(text) {
        const trimmed = String(text).trim();
        if (!trimmed) {
            return false;
        }
        const number = Number(trimmed);
        return Number.isFinite(number) ? number : null;
    }

    renderEdit() {
        const input = el('input', { type: 'number', step: this.step, id: this.inputId, class: 'o_input', name: this.name,
            inputmode: this.field.type === 'integer' ? 'numeric' : 'decimal' });
        input.value = this.value === false || this.value === null ? '' : String(this.value);
        const read = (commit) => {
            const value = this.parse(input.value);
            if (value === null) {
                this.setInvalid(true);
                return;
            }
            this.setInvalid(false);
            this.setValue(value, { commit });
        };
        input.addEventListener('input', () => read(false));
        input.addEventListener('change', () => read(true));
        this.element.appendChild(input);
    }

    isEmpty() {
        return this.value === false || this.value === null || this.value === undefined || this.value === '';
    }
}

export class IntegerField extends NumberField {
    get step() {
        return '1';
    }

    parse(text) {
        const value = super.parse(text);
        return typeof value === 'number' ? Math.trunc(value) : value;
    }

    renderReadonly() {
        const value = this.value;
        const text = value === false || value === null ? '' : new Intl.NumberFormat(userLocale(),
            { maximumFractionDigits: 0 }).format(value);
        this.element.appendChild(el('span', { class: 'o_field_value o_field_number' }, text));
    }
}

export class FloatField extends NumberField {
    get step() {
        return 'any';
    }

    get digits() {
        const digits = this.field.digits;
        return Array.isArray(digits) && digits[1] !== undefined ? digits[1] : 2;
    }

    renderReadonly() {
        const value = this.value;
        this.element.appendChild(el('span', { class: 'o_field_value o_field_number' },
            value === false || value === null ? '' : formatFloat(value, this.digits)));
    }
}
