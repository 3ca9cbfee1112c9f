/** A boolean field: a checkbox (disabled in read mode). */
import { el } from '../dom.js';
import { FieldWidget } from './char.js';

export class BooleanField extends FieldWidget {
    render() {
        this.element.replaceChildren();
        this.element.classList.toggle('o_readonly_modifier', this.readonly);
        const input = el('input', { type: 'checkbox', id: this.inputId, class: 'o_checkbox', name: this.name,
            disabled: this.readonly });
        input.checked = Boolean(this.value);
        input.addEventListener('change', () => this.setValue(input.checked));
        this.element.appendChild(input);
        return this.element;
    }

    isEmpty() {
        return false;
    }
}
