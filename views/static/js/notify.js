/**
 * Short messages in the corner of the screen: errors stay until closed,
 * information fades after a few seconds.
 */
import { _t } from './translate.js';

function container() {
    let box = document.querySelector('.o_notification_manager');
    if (!box) {
        box = document.createElement('div');
        box.className = 'o_notification_manager';
        box.setAttribute('role', 'status');
        document.body.appendChild(box);
    }
    return box;
}

function show(message, kind, sticky) {
    const note = document.createElement('div');
    note.className = `o_notification o_notification_${kind}`;
    const text = document.createElement('span');
    text.className = 'o_notification_text';
    text.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'o_notification_close';
    close.setAttribute('aria-label', _t('Close'));
    close.textContent = '×';
    close.addEventListener('click', () => note.remove());
    note.append(text, close);
    container().appendChild(note);
    if (!sticky) {
        setTimeout(() => note.remove(), 4000);
    }
    return note;
}

/** Show an error (an RpcError's message, or any text) until the user closes it. */
export function notifyError(message) {
    return show(message && message.message ? message.message : String(message), 'error', true);
}

/** Show a passing piece of information. */
export function notifyInfo(message) {
    return show(String(message), 'info', false);
}
