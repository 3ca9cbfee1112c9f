/**
 * Modal dialogs: wizards, confirmations, many2one "Search More" and
 * "Create and Edit", one2many line forms, import.
 */
import { el } from './dom.js';
import { _t } from './translate.js';

/**
 * Open a dialog; `buttons` are `{string, classes, click(dialog)}`.
 * Returns `{element, body, footer, close()}`; `onClose` runs once when it closes.
 */
export function openDialog({ title = '', body = null, buttons = [], size = 'medium', onClose = null }) {
    const backdrop = el('div', { class: 'o_dialog_backdrop' });
    const titleNode = el('h2', { class: 'o_dialog_title' }, title);
    const closeButton = el('button', { type: 'button', class: 'o_dialog_close', 'aria-label': _t('Close') }, '×');
    const bodyNode = el('div', { class: 'o_dialog_body' });
    if (body) {
        bodyNode.appendChild(body);
    }
    const footer = el('div', { class: 'o_dialog_footer' });
    const dialog = el('div', { class: `o_dialog o_dialog_${size}`, role: 'dialog', 'aria-modal': 'true' },
        el('header', { class: 'o_dialog_header' }, titleNode, closeButton), bodyNode, footer);
    backdrop.appendChild(dialog);
    let closed = false;
    const handle = {
        element: dialog,
        body: bodyNode,
        footer,
        close() {
            if (closed) {
                return;
            }
            closed = true;
            backdrop.remove();
            document.removeEventListener('keydown', onKey);
            if (onClose) {
                onClose();
            }
        },
        setButtons(list) {
            footer.replaceChildren();
            for (const spec of list) {
                const button = el('button', { type: 'button', class: `o_button ${spec.classes || ''}` }, spec.string);
                button.addEventListener('click', () => spec.click(handle));
                footer.appendChild(button);
            }
        },
    };
    function onKey(event) {
        if (event.key === 'Escape') {
            handle.close();
        }
    }
    closeButton.addEventListener('click', () => handle.close());
    document.addEventListener('keydown', onKey);
    handle.setButtons(buttons);
    document.body.appendChild(backdrop);
    return handle;
}

/** Ask a yes/no question; resolves true when confirmed. */
export function confirmDialog(message, title = _t('Confirmation')) {
    return new Promise((resolve) => {
        let answered = false;
        openDialog({
            title,
            body: el('p', {}, message),
            size: 'small',
            buttons: [
                { string: _t('Ok'), classes: 'o_button_primary', click: (d) => { answered = true; d.close(); resolve(true); } },
                { string: _t('Cancel'), click: (d) => d.close() },
            ],
            onClose: () => { if (!answered) { resolve(false); } },
        });
    });
}
