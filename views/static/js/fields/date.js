/**
 * Date (`input type=date`) and datetime (`input type=datetime-local` in the
 * user's time zone; the record and the server keep UTC).
 */
import { el } from '../dom.js';
import { FieldWidget } from './char.js';
import { userLocale, userTimezone } from '../session.js';
import { formatDatetime, toLocalInputValue, toServerDatetime } from '../dates.js';

export class DateField extends FieldWidget {
    renderEdit() {
        const input = el('input', { type: 'date', id: this.inputId, class: 'o_input', name: this.name });
        input.value = this.value ? String(this.value).slice(0, 10) : '';
        input.addEventListener('change', () => this.setValue(input.value || false));
        this.element.appendChild(input);
    }

    renderReadonly() {
        this.element.appendChild(el('span', { class: 'o_field_value' }, this.value ? String(this.value).slice(0, 10) : ''));
    }
}

export class DatetimeField extends FieldWidget {
    renderEdit() {
        const input = el('input', { type: 'datetime-local', id: this.inputId, class: 'o_input', name: this.name });
        try {
            input.value = this.value ? toLocalInputValue(this.value, userTimezone()) : '';
        } catch (error) {
            input.value = '';
        }
        input.addEventListener('change', () => {
            let value = false;
            try {
                value = input.value ? toServerDatetime(input.value, userTimezone()) : false;
            } catch (error) {
                this.setInvalid(true);
                return;
            }
            this.setInvalid(false);
            this.setValue(value);
        });
        this.element.appendChild(input);
    }

    renderReadonly() {
        let text = '';
        try {
            text = this.value ? formatDatetime(this.value, userTimezone(), userLocale()) : '';
        } catch (error) {
            text = String(this.value);
        }
        this.element.appendChild(el('span', { class: 'o_field_value' }, text));
    }
}
