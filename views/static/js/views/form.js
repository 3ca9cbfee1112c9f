/**
 * The form view: one record, read mode (`.o_form_readonly`, Edit) or edit
 * mode (`.o_form_editable`, Save / Discard), its arch buttons, the record
 * pager, the Print and Action menus, who created and changed it, and its
 * attachments. In a dialog (a wizard) it is always in edit mode and its
 * arch's buttons are the only ones.
 */
import { el, parseArch } from '../dom.js';
import { call } from '../rpc.js';
import { openDialog, confirmDialog } from '../dialog.js';
import { notifyError, notifyInfo } from '../notify.js';
import { userLocale, userTimezone } from '../session.js';
import { formatDatetime } from '../dates.js';
import { Record, nodeContext } from '../record.js';
import { FormRenderer, archFieldNames } from './form_renderer.js';
import { AttachmentPanel } from '../attachments.js';
import { _t } from '../translate.js';

function when(value) {
    try {
        return value ? formatDatetime(value, userTimezone(), userLocale()) : '';
    } catch (error) {
        return String(value);
    }
}

export class FormView {
    constructor(env) {
        this.env = env;
        this.model = env.model;
        this.fields = env.fields || {};
        this.models = Object.assign({}, env.models || {}, { [env.model]: Object.assign({}, (env.models || {})[env.model] || {}, env.fields || {}) });
        this.arch = typeof env.arch === 'string' ? parseArch(env.arch) : env.arch;
        this.context = env.context || {};
        this.viewManager = env.viewManager || null;
        this.resId = env.resId || null;
        this.resIds = (env.resIds || []).slice();
        if (this.resId && !this.resIds.includes(this.resId)) {
            this.resIds = [this.resId];
        }
        this.mode = this.inDialog || !this.resId || env.mode === 'edit' ? 'edit' : 'readonly';
        this.renderState = {};
        this.record = null;
        this.renderer = null;
        this.saving = null;
    }

    get inDialog() {
        return Boolean(this.viewManager && this.viewManager.dialog);
    }

    async mount(element) {
        this.element = element;
        this.root = el('div', { class: 'o_form_view' + (this.inDialog ? ' o_form_wizard' : '') });
        element.appendChild(this.root);
        this.record = this.makeRecord(this.resId);
        try {
            await this.record.load();
        } catch (error) {
            notifyError(error);
        }
        this.render();
    }

    makeRecord(resId) {
        if (this.unwatch) {
            this.unwatch();
        }
        const record = new Record({
            model: this.model, fields: this.models[this.model], models: this.models,
            fieldNames: archFieldNames(this.arch), resId, context: this.context,
        });
        record.readLog = true;
        this.unwatch = record.onChange((names, origin) => {
            if (this.renderer) {
                this.renderer.onRecordChange(names, origin);
            }
            this.renderDirty();
        });
        return record;
    }

    /** Draw the form (and the control panel) for the current record and mode. */
    render() {
        if (this.renderer) {
            this.renderer.destroy();
        }
        const editing = this.mode === 'edit';
        this.root.classList.toggle('o_form_readonly', !editing);
        this.root.classList.toggle('o_form_editable', editing);
        this.root.classList.toggle('o_form_new', this.record.isNew);
        this.renderer = new FormRenderer({
            arch: this.arch, record: this.record, fields: this.models[this.model], mode: this.mode,
            env: { models: this.models, viewManager: this.inDialog ? null : this.viewManager, form: this },
            onButton: (node) => this.runButton(node), state: this.renderState,
        });
        const parts = [this.renderer.render()];
        if (!this.inDialog && !this.record.isNew) {
            parts.push(this.renderLog());
            this.attachments = new AttachmentPanel({ model: this.model, resId: this.record.resId,
                onCount: (count) => this.showAttachmentCount(count) });
            parts.push(this.attachments.element);
            this.attachments.load();
        } else {
            this.attachments = null;
        }
        this.root.replaceChildren(...parts);
        this.renderControlPanel();
    }

    renderLog() {
        const data = this.record.data;
        const name = (value) => (Array.isArray(value) ? value[1] : '');
        const parts = [];
        if (data.create_date || data.create_uid) {
            parts.push(`Created by ${name(data.create_uid) || 'someone'} on ${when(data.create_date)}`);
        }
        if (data.write_date || data.write_uid) {
            parts.push(`last modified by ${name(data.write_uid) || 'someone'} on ${when(data.write_date)}`);
        }
        return el('div', { class: 'o_record_log' }, parts.join(', '));
    }

    // ------------------------------------------------------------------
    // control panel
    // ------------------------------------------------------------------
    renderControlPanel() {
        const manager = this.viewManager;
        if (!manager || this.inDialog) {
            return;
        }
        const button = (label, classes, action) => {
            const node = el('button', { type: 'button', class: `o_button ${classes}` }, label);
            node.addEventListener('click', action);
            return node;
        };
        if (this.mode === 'edit') {
            this.saveButton = button(_t('Save'), 'o_button_primary o_form_button_save', () => this.onSave());
            manager.buttons.replaceChildren(this.saveButton,
                button(_t('Discard'), 'o_form_button_discard', () => this.onDiscard()));
        } else {
            this.saveButton = null;
            manager.buttons.replaceChildren(button(_t('Edit'), 'o_button_primary o_form_button_edit', () => this.edit()),
                button(_t('New'), 'o_form_button_create', () => this.createNew()));
        }
        this.renderDirty();
        this.renderPager();
        this.renderActionMenus();
    }

    renderDirty() {
        if (this.saveButton) {
            this.saveButton.classList.toggle('o_dirty', Boolean(this.record && this.record.isDirty));
        }
    }

    renderPager() {
        const pager = this.viewManager.pager;
        pager.replaceChildren();
        const index = this.resIds.indexOf(this.record.resId);
        if (this.record.isNew || index < 0) {
            return;
        }
        const previous = el('button', { type: 'button', class: 'o_pager_previous', 'aria-label': _t('Previous'), title: _t('Previous'),
            disabled: this.resIds.length < 2 }, '‹');
        const next = el('button', { type: 'button', class: 'o_pager_next', 'aria-label': _t('Next'), title: _t('Next'),
            disabled: this.resIds.length < 2 }, '›');
        previous.addEventListener('click', () => this.move(-1));
        next.addEventListener('click', () => this.move(1));
        pager.append(el('span', { class: 'o_pager_counter' }, el('span', { class: 'o_pager_value' }, String(index + 1)),
            ' / ', el('span', { class: 'o_pager_limit' }, String(this.resIds.length))), previous, next);
    }

    renderActionMenus() {
        const box = this.viewManager.actionMenus;
        box.replaceChildren();
        if (this.record.isNew) {
            return;
        }
        const toolbar = this.viewManager.toolbar || {};
        const context = () => ({ active_id: this.record.resId, active_ids: [this.record.resId], active_model: this.model });
        const entries = (actions) => actions.map((action) => ({
            label: action.name, action: () => this.viewManager.doAction(action, { additionalContext: context(),
                onClose: () => this.reload() }),
        }));
        if ((toolbar.print || []).length) {
            box.appendChild(this.dropdown(_t('Print'), 'o_print_menu', entries(toolbar.print)));
        }
        box.appendChild(this.dropdown(_t('Action'), 'o_action_menu', [
            ...entries(toolbar.action || []),
            { label: _t('Duplicate'), classes: 'o_action_duplicate', action: () => this.duplicate() },
            { label: _t('Delete'), classes: 'o_action_delete', action: () => this.remove() },
        ]));
        this.attachmentButton = el('button', { type: 'button', class: 'o_button o_attachment_count', title: _t('Attachments') }, _t('Attachments: %s', 0));
        this.attachmentButton.addEventListener('click', () => {
            const panel = this.root.querySelector('.o_attachments');
            if (panel) {
                panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }
        });
        box.appendChild(this.attachmentButton);
    }

    showAttachmentCount(count) {
        if (this.attachmentButton) {
            this.attachmentButton.textContent = _t('Attachments: %s', count);
        }
    }

    dropdown(label, classes, items) {
        const toggle = el('button', { type: 'button', class: 'o_button o_dropdown_toggle', 'aria-haspopup': 'true', 'aria-expanded': 'false' }, label);
        const menu = el('ul', { class: 'o_dropdown_menu', role: 'menu', hidden: true });
        const box = el('div', { class: `o_dropdown ${classes}` }, toggle, menu);
        const close = () => {
            menu.hidden = true;
            toggle.setAttribute('aria-expanded', 'false');
            document.removeEventListener('click', outside, true);
        };
        const outside = (event) => {
            if (!box.contains(event.target)) {
                close();
            }
        };
        toggle.addEventListener('click', () => {
            if (menu.hidden) {
                menu.hidden = false;
                toggle.setAttribute('aria-expanded', 'true');
                document.addEventListener('click', outside, true);
            } else {
                close();
            }
        });
        for (const item of items) {
            const link = el('a', { href: '#', role: 'menuitem', class: `o_menu_item_action ${item.classes || ''}`.trim() }, item.label);
            link.addEventListener('click', (event) => {
                event.preventDefault();
                close();
                item.action();
            });
            menu.appendChild(el('li', {}, link));
        }
        return box;
    }

    // ------------------------------------------------------------------
    // actions of the user
    // ------------------------------------------------------------------
    edit() {
        this.mode = 'edit';
        this.render();
    }

    createNew() {
        if (this.viewManager) {
            this.viewManager.open('form', { resId: null, resIds: this.resIds, mode: 'edit' });
        }
    }

    /**
     * Save the record when it is new or changed: required fields first, then
     * `create`/`write`. Returns whether it is saved (a failure is notified
     * and the user's values stay in the form).
     */
    async save() {
        if (this.saving) {
            return this.saving;
        }
        this.saving = this._save();
        try {
            return await this.saving;
        } finally {
            this.saving = null;
        }
    }

    async _save() {
        if (!this.record.isNew && !this.record.isDirty) {
            return true;
        }
        // a value typed but not yet committed (the input still has the focus)
        if (document.activeElement && this.root.contains(document.activeElement)) {
            document.activeElement.dispatchEvent(new Event('change', { bubbles: true }));
        }
        const invalid = this.renderer ? this.renderer.invalidFields() : [];
        if (this.invalidNote) {
            this.invalidNote.remove();
            this.invalidNote = null;
        }
        if (invalid.length) {
            this.invalidNote = notifyError(_t('The following fields are invalid: %s', invalid.join(', ')));
            return false;
        }
        const wasNew = this.record.isNew;
        try {
            await this.record.save();
        } catch (error) {
            notifyError(error);
            return false;
        }
        this.resId = this.record.resId;
        if (wasNew && !this.inDialog) {
            if (!this.resIds.includes(this.resId)) {
                this.resIds.push(this.resId);
            }
            if (this.viewManager) {
                this.viewManager.recordChanged({ replace: true });
            }
        }
        return true;
    }

    async onSave() {
        if (await this.save()) {
            this.mode = 'readonly';
            this.render();
            if (this.viewManager) {
                this.viewManager.recordChanged({ replace: true });
            }
        }
    }

    async onDiscard() {
        if (this.record.isNew) {
            this.record.dirtyNames.clear();
            const manager = this.viewManager;
            const back = manager && manager.viewTypes.find((type) => type !== 'form');
            const previous = this.resIds[this.resIds.length - 1];
            if (previous) {
                await this.show(previous, 'readonly');
                return;
            }
            if (back) {
                manager.open(back);
                return;
            }
        }
        try {
            await this.record.load();
        } catch (error) {
            notifyError(error);
        }
        this.mode = this.record.isNew ? 'edit' : 'readonly';
        this.render();
    }

    /** Show the record `resId` (read again) in `mode`. */
    async show(resId, mode = this.mode) {
        this.record = this.makeRecord(resId);
        this.resId = resId;
        try {
            await this.record.load();
        } catch (error) {
            notifyError(error);
        }
        this.mode = mode;
        this.render();
        if (this.viewManager && !this.inDialog) {
            this.viewManager.recordChanged();
        }
    }

    /** The pager: the previous (-1) or next (+1) record, saving this one first when changed. */
    async move(delta) {
        if (this.record.isDirty && !(await this.save())) {
            return;
        }
        const index = this.resIds.indexOf(this.record.resId);
        if (index < 0 || !this.resIds.length) {
            return;
        }
        const target = this.resIds[(index + delta + this.resIds.length) % this.resIds.length];
        await this.show(target, 'readonly');
    }

    async duplicate() {
        if (this.record.isDirty && !(await this.save())) {
            return;
        }
        let result;
        try {
            result = await call(this.model, 'copy', [[this.record.resId]], { context: this.context });
        } catch (error) {
            notifyError(error);
            return;
        }
        const id = Array.isArray(result) ? result[0] : result;
        this.resIds.splice(this.resIds.indexOf(this.record.resId) + 1, 0, id);
        await this.show(id, 'edit');
    }

    async remove() {
        if (!(await confirmDialog(_t('Are you sure you want to delete this record?')))) {
            return;
        }
        const id = this.record.resId;
        try {
            await call(this.model, 'unlink', [[id]], { context: this.context });
        } catch (error) {
            notifyError(error);
            return;
        }
        const index = this.resIds.indexOf(id);
        this.resIds = this.resIds.filter((other) => other !== id);
        this.record.dirtyNames.clear();
        if (this.resIds.length) {
            await this.show(this.resIds[Math.min(Math.max(index, 0), this.resIds.length - 1)], 'readonly');
            return;
        }
        const back = this.viewManager && this.viewManager.viewTypes.find((type) => type !== 'form');
        if (back) {
            this.viewManager.lastResIds = [];
            this.viewManager.open(back);
        } else {
            await this.show(null, 'edit');
        }
    }

    /**
     * An arch button: `special="cancel"` closes the wizard (or discards);
     * others save the record first (when new or changed), run through the
     * view manager, then read the record again (a wizard closes when its
     * method answers no action).
     */
    async runButton(node) {
        const attrs = {};
        for (const name of ['type', 'name', 'special', 'confirm', 'context', 'string']) {
            const value = node.getAttribute(name);
            if (value !== null) {
                attrs[name] = value;
            }
        }
        attrs.type = attrs.type || 'workflow';
        const manager = this.viewManager;
        if (attrs.special === 'cancel') {
            if (this.inDialog) {
                await manager.executeButton(attrs, {});
            } else {
                await this.onDiscard();
            }
            return;
        }
        // the question comes first: "Cancel" must leave the record as it was, unsaved
        if (attrs.confirm) {
            if (!(await confirmDialog(attrs.confirm))) {
                return;
            }
            delete attrs.confirm;
        }
        if ((this.record.isNew || this.record.isDirty) && !(await this.save())) {
            return;
        }
        if (!manager) {
            return;
        }
        const context = nodeContext(this.record, node, null);
        const result = await manager.executeButton(attrs, { resId: this.record.resId, resIds: [this.record.resId], context });
        if (this.inDialog) {
            const dialog = manager.dialog;
            if (result === null && attrs.type !== 'action' && dialog.element && dialog.element.isConnected) {
                dialog.close();
            }
            return;
        }
        if (result === false) {
            return;
        }
        await this.reload();
    }

    // ------------------------------------------------------------------
    // what the view manager asks
    // ------------------------------------------------------------------
    /** Read the record again (after a button, a dialog action, a breadcrumb). */
    async reload() {
        if (!this.record) {
            return;
        }
        try {
            await this.record.load();
        } catch (error) {
            notifyError(error);
        }
        if (this.record.isNew) {
            this.mode = 'edit';
        }
        this.render();
    }

    /** Whether the user may leave: unsaved changes are saved first (false when that fails). */
    async canLeave() {
        if (!this.record || !this.record.isDirty) {
            return true;
        }
        return this.save();
    }

    displayName() {
        if (!this.record) {
            return '';
        }
        return this.record.isNew ? _t('New') : this.record.displayName();
    }

    destroy() {
        if (this.unwatch) {
            this.unwatch();
        }
        if (this.renderer) {
            this.renderer.destroy();
        }
    }
}

/**
 * A form in a dialog, for a record of `model` (`record`, or a new one with
 * `context` defaults): a one2many line, a many2one's "Create and Edit".
 * `onSave(record)` runs on Save and closes the dialog when it returns
 * true; Discard puts back the values the record had.
 */
export async function openFormDialog({ model, title = '', arch, fields, models = {}, record = null, context = {},
    mode = 'edit', onSave }) {
    const archNode = typeof arch === 'string' ? parseArch(arch) : arch;
    const names = archFieldNames(archNode);
    let current = record;
    try {
        if (!current) {
            current = new Record({ model, fields, fieldNames: names, context, models });
            await current.load();
        } else {
            current.fields = Object.assign({}, fields, current.fields);
            current.models = Object.assign({}, models, current.models);
            await current.ensureFields(names);
        }
    } catch (error) {
        notifyError(error);
        return null;
    }
    const snapshot = { data: Object.assign({}, current.data), dirty: new Set(current.dirtyNames) };
    const container = el('div', { class: `o_form_view o_form_dialog ${mode === 'edit' ? 'o_form_editable' : 'o_form_readonly'}` });
    const renderer = new FormRenderer({
        arch: archNode, record: current, fields: current.fields, mode, env: { models: current.models },
        onButton: () => notifyInfo(_t('Save this record first, then use its buttons from its own form.')),
    });
    container.appendChild(renderer.render());
    const unwatch = current.onChange((changed, origin) => renderer.onRecordChange(changed, origin));
    let saved = false;
    const buttons = mode === 'edit' ? [
        {
            string: _t('Save'), classes: 'o_button_primary o_form_button_save',
            async click(dialog) {
                if (document.activeElement && container.contains(document.activeElement)) {
                    document.activeElement.dispatchEvent(new Event('change', { bubbles: true }));
                }
                const invalid = renderer.invalidFields();
                if (invalid.length) {
                    notifyError(_t('The following fields are invalid: %s', invalid.join(', ')));
                    return;
                }
                try {
                    if (await onSave(current)) {
                        saved = true;
                        dialog.close();
                    }
                } catch (error) {
                    notifyError(error);
                }
            },
        },
        { string: _t('Discard'), classes: 'o_form_button_discard', click: (dialog) => dialog.close() },
    ] : [{ string: _t('Close'), classes: 'o_form_button_close', click: (dialog) => dialog.close() }];
    return openDialog({
        title, body: container, size: 'large', buttons,
        onClose() {
            unwatch();
            renderer.destroy();
            if (!saved && record) {
                record.data = snapshot.data;
                record.dirtyNames = snapshot.dirty;
            }
        },
    });
}
