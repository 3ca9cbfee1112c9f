/**
 * Import a CSV file into the current list's model: the user picks a file,
 * sees its first lines with the field each column goes to (guessed by the
 * server, changeable), tests the import, then runs it.
 *
 * The server does the reading and the checking (`/web/import/preview`,
 * `/web/import/execute`); its messages already name the CSV line, so they
 * are shown as they come.
 */
import { el } from './dom.js';
import { postForm } from './rpc.js';
import { openDialog } from './dialog.js';
import { _t } from './translate.js';


/** Open the import dialog for `viewManager`'s model; a successful import reloads its view. */
export function openImport(viewManager) {
    const model = viewManager.model;
    let preview = null;
    let file = null;

    const fileInput = el('input', { type: 'file', class: 'o_import_file', accept: '.csv,text/csv', 'aria-label': _t('CSV file') });
    const previewArea = el('div', { class: 'o_import_preview' });
    const messages = el('div', { class: 'o_import_messages', role: 'status', 'aria-live': 'polite' });
    const body = el('div', { class: 'o_import_view' },
        el('p', { class: 'o_import_help' },
            _t('Choose a CSV file (comma separated, UTF-8, a first line of column titles).'), ' ',
            _t('Each column goes to the field chosen under its title; columns set to "Do not import" are skipped.')),
        el('label', { class: 'o_import_file_label' }, _t('File'), ' ', fileInput),
        previewArea, messages);

    const dialog = openDialog({ title: _t('Import %s', viewManager.action.name || model), body, size: 'large' });
    const testButton = el('button', { type: 'button', class: 'o_button o_import_test', disabled: true }, _t('Test'));
    const runButton = el('button', { type: 'button', class: 'o_button o_button_primary o_import_run', disabled: true }, _t('Import'));
    const cancelButton = el('button', { type: 'button', class: 'o_button o_import_cancel' }, _t('Cancel'));
    dialog.footer.replaceChildren(runButton, testButton, cancelButton);
    cancelButton.addEventListener('click', () => dialog.close());

    function showMessages(items) {
        messages.replaceChildren(...items.map(({ type, text }) => el('p', {
            class: `o_import_message o_import_message_${type}`,
        }, text)));
    }

    function busy(state) {
        testButton.disabled = state || !preview;
        runButton.disabled = state || !preview;
        fileInput.disabled = state;
    }

    function columnFields() {
        return Array.from(previewArea.querySelectorAll('select.o_import_field'))
            .sort((a, b) => Number(a.dataset.column) - Number(b.dataset.column))
            .map((select) => select.value);
    }

    function renderPreview() {
        const headers = preview.headers || [];
        const fields = (preview.fields || []).slice().sort((a, b) => (a.string || a.name).localeCompare(b.string || b.name));
        const matches = preview.matches || {};
        const selects = headers.map((header, index) => {
            const match = matches[index] ?? matches[String(index)] ?? matches[header] ?? '';
            return el('select', {
                class: 'o_import_field', dataset: { column: String(index) }, 'aria-label': _t('Field for column %s', header),
                onchange: () => { messages.replaceChildren(); },
            }, el('option', { value: '', selected: !match }, _t('Do not import')),
            fields.map((field) => el('option', { value: field.name, selected: field.name === match },
                `${field.string || field.name}${field.required ? ' *' : ''}`)));
        });
        const table = el('table', { class: 'o_import_table' },
            el('thead', {},
                el('tr', {}, headers.map((header) => el('th', {}, header))),
                el('tr', { class: 'o_import_fields_row' }, selects.map((select) => el('th', {}, select)))),
            el('tbody', {}, (preview.rows || []).map((row) => el('tr', {},
                headers.map((_, index) => el('td', {}, row[index] === undefined || row[index] === null ? '' : String(row[index])))))));
        const required = (preview.fields || []).filter((field) => field.required).length;
        previewArea.replaceChildren(
            el('div', { class: 'o_import_table_wrap' }, table),
            required ? el('p', { class: 'o_import_help' }, _t('Fields marked * are required.')) : null);
    }

    fileInput.addEventListener('change', async () => {
        file = fileInput.files && fileInput.files[0];
        preview = null;
        previewArea.replaceChildren();
        messages.replaceChildren();
        busy(false);
        if (!file) {
            return;
        }
        const form = new FormData();
        form.set('model', model);
        form.set('file', file, file.name);
        busy(true);
        try {
            preview = await postForm('/web/import/preview', form);
            renderPreview();
        } catch (error) {
            preview = null;
            showMessages([{ type: 'error', text: error.message }]);
        } finally {
            busy(false);
        }
    });

    async function execute(dryRun) {
        if (!file || !preview) {
            return;
        }
        const fields = columnFields();
        if (!fields.some(Boolean)) {
            showMessages([{ type: 'error', text: _t('Choose the field of at least one column: every column is set to "Do not import".') }]);
            return;
        }
        const form = new FormData();
        form.set('model', model);
        form.set('file', file, file.name);
        form.set('fields', JSON.stringify(fields));
        form.set('dry_run', dryRun ? '1' : '0');
        busy(true);
        let result;
        try {
            result = await postForm('/web/import/execute', form);
        } catch (error) {
            showMessages([{ type: 'error', text: error.message }]);
            busy(false);
            return;
        }
        busy(false);
        const found = (result.messages || []).map((message) => ({
            type: message.type === 'warning' ? 'warning' : (message.type === 'info' ? 'info' : 'error'),
            text: message.message || String(message),
        }));
        const failed = found.some((message) => message.type === 'error');
        if (dryRun) {
            showMessages(found.length ? found : [{ type: 'info', text: _t('Everything seems valid.') }]);
            return;
        }
        if (failed) {
            showMessages(found);
            return;
        }
        const count = (result.ids || []).length;
        messages.replaceChildren(
            el('p', { class: 'o_import_success' }, `${count} record${count === 1 ? '' : 's'} imported`),
            ...found.map(({ type, text }) => el('p', { class: `o_import_message o_import_message_${type}` }, text)));
        runButton.disabled = true;
        testButton.disabled = true;
        cancelButton.textContent = _t('Close');
        await viewManager.searchChanged();
    }

    testButton.addEventListener('click', () => execute(true));
    runButton.addEventListener('click', () => execute(false));
    return dialog;
}
