/**
 * A binary field: a file input whose file is read as base64 into the field
 * (and its name into the `filename=` field), and a download link
 * (`/web/content/<model>/<id>/<field>`) once the record is saved.
 */
import { el } from '../dom.js';
import { FieldWidget } from './char.js';
import { _t } from '../translate.js';

function readBase64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
        reader.onerror = () => reject(new Error(_t('The file %s cannot be read.', file.name)));
        reader.readAsDataURL(file);
    });
}

export class BinaryField extends FieldWidget {
    get filenameField() {
        return this.attr('filename');
    }

    downloadLink() {
        const record = this.record;
        if (!this.value || !record.resId || record.dirtyNames.has(this.name)) {
            return null;
        }
        const query = this.filenameField ? `?filename_field=${encodeURIComponent(this.filenameField)}` : '';
        const label = (this.filenameField && record.data[this.filenameField]) || _t('Download');
        return el('a', { class: 'o_binary_download', href: `/web/content/${encodeURIComponent(record.model)}/${record.resId}/${encodeURIComponent(this.name)}${query}`,
            download: '' }, label);
    }

    renderReadonly() {
        const link = this.downloadLink();
        if (link) {
            this.element.appendChild(link);
        } else if (this.value) {
            this.element.appendChild(el('span', { class: 'o_field_value' }, (this.filenameField && this.record.data[this.filenameField]) || _t('File')));
        }
    }

    renderEdit() {
        const input = el('input', { type: 'file', id: this.inputId, class: 'o_input_file', name: this.name });
        input.addEventListener('change', async () => {
            const file = input.files[0];
            if (!file) {
                return;
            }
            try {
                const data = await readBase64(file);
                if (this.filenameField) {
                    this.record.update(this.filenameField, file.name);
                }
                await this.setValue(data);
                this.render();
            } catch (error) {
                this.setInvalid(true);
            }
        });
        const link = this.downloadLink();
        const pending = this.value && !link ? el('span', { class: 'o_binary_name' },
            (this.filenameField && this.record.data[this.filenameField]) || _t('File chosen')) : null;
        const clear = this.value ? el('button', { type: 'button', class: 'o_binary_clear', 'aria-label': _t('Clear') }, _t('Clear')) : null;
        if (clear) {
            clear.addEventListener('click', async () => {
                if (this.filenameField) {
                    this.record.update(this.filenameField, false);
                }
                await this.setValue(false);
                this.render();
            });
        }
        this.element.append(...[link, pending, input, clear].filter(Boolean));
    }
}
