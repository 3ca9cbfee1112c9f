/**
 * The user's preferences dialog: language, time zone, and a password change.
 */
import { call } from './rpc.js';
import { el } from './dom.js';
import { openDialog } from './dialog.js';
import { notifyError, notifyInfo } from './notify.js';
import { session } from './session.js';
import { _t } from './translate.js';

export async function openPreferences() {
    let user;
    let fields;
    try {
        fields = await call('res.users', 'fields_get', [['lang', 'tz']], { attributes: ['string', 'selection', 'type'] });
        [user] = await call('res.users', 'read', [[session.uid], ['lang', 'tz']]);
    } catch (error) {
        notifyError(error);
        return;
    }
    const select = (name) => {
        const field = fields[name] || { selection: [] };
        let choices = field.selection || [];
        if (name === 'tz' && !choices.length) {
            // a free-text time zone: offer the IANA names the browser knows
            const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
            choices = (zones.includes('UTC') ? zones : ['UTC', ...zones]).map((zone) => [zone, zone]);
        }
        const node = el('select', { name, class: 'o_input' }, el('option', { value: '' }, ''));
        for (const [value, label] of choices) {
            node.appendChild(el('option', { value, selected: user[name] === value }, label));
        }
        return node;
    };
    const lang = select('lang');
    const tz = select('tz');
    const oldPassword = el('input', { type: 'password', name: 'old_password', class: 'o_input', autocomplete: 'current-password' });
    const newPassword = el('input', { type: 'password', name: 'new_password', class: 'o_input', autocomplete: 'new-password' });
    const body = el('div', { class: 'o_preferences_form' },
        el('label', {}, _t('Language'), lang),
        el('label', {}, _t('Time zone'), tz),
        el('h3', {}, _t('Change password')),
        el('label', {}, _t('Current password'), oldPassword),
        el('label', {}, _t('New password'), newPassword));
    openDialog({
        title: _t('Preferences'),
        body,
        buttons: [
            {
                string: _t('Save'), classes: 'o_button_primary', click: async (dialog) => {
                    try {
                        await call('res.users', 'preference_change', [{ lang: lang.value || false, tz: tz.value || false }]);
                        if (newPassword.value) {
                            await call('res.users', 'change_password', [oldPassword.value, newPassword.value]);
                        }
                    } catch (error) {
                        notifyError(error);
                        return;
                    }
                    dialog.close();
                    notifyInfo(_t('Preferences saved.'));
                    window.location.reload();
                },
            },
            { string: _t('Cancel'), click: (dialog) => dialog.close() },
        ],
    });
}
