/**
 * The attachments of a saved record: the `ir.attachment` rows of its
 * `res_model`/`res_id`, a file input to upload more
 * (`/web/binary/upload_attachment`), download links and delete buttons.
 */
import { el } from './dom.js';
import { call, postForm } from './rpc.js';
import { confirmDialog } from './dialog.js';
import { notifyError } from './notify.js';
import { _t } from './translate.js';

function size(bytes) {
    if (!bytes) {
        return '';
    }
    const units = ['B', 'kB', 'MB', 'GB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

export class AttachmentPanel {
    /** `onCount(n)` is told how many attachments the record has after each change. */
    constructor({ model, resId, onCount = () => {} }) {
        this.model = model;
        this.resId = resId;
        this.onCount = onCount;
        this.list = el('ul', { class: 'o_attachment_list' });
        this.input = el('input', { type: 'file', multiple: true, class: 'o_attachment_input', id: `o_attachment_input_${resId}`,
            'aria-label': _t('Attach files') });
        this.input.addEventListener('change', () => this.upload());
        this.element = el('section', { class: 'o_attachments', 'aria-label': _t('Attachments') },
            el('h3', { class: 'o_attachments_title' }, _t('Attachments')),
            this.list,
            el('label', { class: 'o_button o_attachment_add', for: this.input.id }, _t('Attach files…')),
            this.input);
    }

    async load() {
        let rows;
        try {
            rows = await call('ir.attachment', 'search_read',
                [[['res_model', '=', this.model], ['res_id', '=', this.resId]], ['name', 'mimetype', 'file_size']],
                { order: 'id' });
        } catch (error) {
            this.list.replaceChildren(el('li', { class: 'o_attachment_error' }, error.message));
            return;
        }
        this.list.replaceChildren(...rows.map((row) => this.item(row)));
        this.onCount(rows.length);
    }

    item(row) {
        const remove = el('button', { type: 'button', class: 'o_attachment_delete', title: _t('Delete'), 'aria-label': _t('Delete %s', row.name) }, '×');
        remove.addEventListener('click', () => this.remove(row));
        return el('li', { class: 'o_attachment', dataset: { id: row.id } },
            el('a', { class: 'o_attachment_download', href: `/web/content/ir.attachment/${row.id}/datas`, download: row.name || '' },
                row.name || `#${row.id}`),
            el('span', { class: 'o_attachment_size' }, size(row.file_size)),
            remove);
    }

    async upload() {
        const files = Array.from(this.input.files || []);
        if (!files.length) {
            return;
        }
        const form = new FormData();
        form.set('model', this.model);
        form.set('id', String(this.resId));
        for (const file of files) {
            form.append('ufile', file, file.name);
        }
        try {
            await postForm('/web/binary/upload_attachment', form);
        } catch (error) {
            notifyError(error);
        }
        this.input.value = '';
        await this.load();
    }

    async remove(row) {
        if (!(await confirmDialog(_t('Delete the attachment %s?', row.name)))) {
            return;
        }
        try {
            await call('ir.attachment', 'unlink', [[row.id]]);
        } catch (error) {
            notifyError(error);
            return;
        }
        await this.load();
    }
}
