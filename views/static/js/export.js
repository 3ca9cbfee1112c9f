/**
 * Export records as CSV: a real form posted to `/web/export/csv`, so the
 * browser itself receives the file as a download (no blob juggling, and it
 * works for big exports).
 */
import { el } from './dom.js';
import { session } from './session.js';
import { notifyError } from './notify.js';
import { _t } from './translate.js';

/**
 * Download the `fieldNames` of the records `ids` of `model` as CSV; with no
 * ids, the records matching `domain`.
 */
export function exportRecords(model, ids, fieldNames, domain = []) {
    const data = JSON.stringify({ model, ids: ids && ids.length ? ids : false, fields: fieldNames, domain: domain || [] });
    // a frame of our own receives the answer, so an error page does not replace the client
    let frame = document.querySelector('iframe.o_export_frame');
    if (!frame) {
        frame = el('iframe', { class: 'o_export_frame', name: 'o_export_frame', hidden: true, title: _t('Export') });
        // a download does not load the frame: a page that does is the server's refusal
        frame.addEventListener('load', () => {
            let text = '';
            try {
                const doc = frame.contentDocument;
                const message = doc && (doc.querySelector('.o_error_message') || doc.body);
                text = message ? message.textContent.trim() : '';
            } catch (error) {
                text = '';
            }
            if (text) {
                notifyError(_t('The export failed: %s', text));
            }
        });
        document.body.appendChild(frame);
    }
    const form = el('form', { method: 'POST', action: '/web/export/csv', target: 'o_export_frame', hidden: true, class: 'o_export_form' },
        el('input', { type: 'hidden', name: 'data', value: data }),
        el('input', { type: 'hidden', name: 'csrf_token', value: session.csrf_token || '' }));
    document.body.appendChild(form);
    form.submit();
    form.remove();
}
