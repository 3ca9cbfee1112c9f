/**
 * In-place edition of a main list whose arch says `editable="top|bottom"`.
 *
 * One row at a time is in edition (`tr.o_selected_row`): its cells hold the
 * form's field widgets over a `Record`, as the editable one2many lines do.
 * Enter, or a click on another row, saves it (`create` / `write`); Escape
 * discards it; New adds an empty row at the arch's end. A missing required
 * field or a server error is shown and the row stays in edition, so nothing
 * typed is lost. Only the edited row is redrawn: the other rows (and what
 * the user clicked) stay where they are.
 */
import { call } from '../rpc.js';
import { el } from '../dom.js';
import { notifyError } from '../notify.js';
import { Record } from '../record.js';
import { fieldWidget } from '../fields/registry.js';
import { nodeModifiers } from './form_renderer.js';
import { _t } from '../translate.js';

export class ListEditor {
    /** `list`: the ListView; `position`: 'top' or 'bottom', where New adds its row. */
    constructor(list, position) {
        this.list = list;
        this.position = position;
        this.reset();
    }

    /** Forget the row in edition (the list was drawn again). */
    reset() {
        if (this.unwatch) {
            this.unwatch();
        }
        this.unwatch = null;
        this.record = null;        // the Record being edited
        this.listRecord = null;    // its row of the list (null for a new one)
        this.row = null;
        this.items = [];           // {column, widget}
        this.busy = null;          // the save or the start in progress
    }

    get editing() {
        return Boolean(this.record);
    }

    /** Put the row of `listRecord` (drawn as `row`) in edition, saving the row edited before. */
    edit(listRecord, row) {
        return this.queue(async () => {
            if (this.listRecord === listRecord) {
                return;
            }
            if (!(await this.saveCurrent())) {
                return;
            }
            await this.start(listRecord, row);
        });
    }

    /** A new, empty row in edition at the top or the bottom of the list. */
    add() {
        return this.queue(async () => {
            if (!(await this.saveCurrent())) {
                return;
            }
            const body = this.list.table.querySelector('tbody');
            const placeholder = el('tr', { class: 'o_data_row' });
            const empty = body.querySelector('tr.o_list_empty');
            if (empty) {
                empty.remove();
            }
            if (this.position === 'top') {
                body.insertBefore(placeholder, body.firstChild);
            } else {
                body.appendChild(placeholder);
            }
            await this.start(null, placeholder);
        });
    }

    /** Save the row in edition, if any; resolve with whether it was saved (or there was none). */
    save() {
        return this.queue(() => this.saveCurrent());
    }

    /** Discard the row in edition: a new row goes away, an existing one shows its saved values. */
    discard() {
        return this.queue(async () => {
            if (!this.record) {
                return;
            }
            const { listRecord, row } = this;
            this.reset();
            if (listRecord) {
                row.replaceWith(this.list.renderRow(listRecord, this.list.siblingsOf(listRecord)));
            } else {
                row.remove();
                if (!this.list.table.querySelector('tbody tr')) {
                    this.list.render();
                }
            }
        });
    }

    /** Run `work` after whatever edition step is under way (clicks can come faster than RPCs). */
    queue(work) {
        const previous = this.busy || Promise.resolve();
        const next = previous.then(work, work);
        this.busy = next.catch(() => null);
        return next;
    }

    async start(listRecord, row) {
        const list = this.list;
        const names = list.columns.filter((c) => c.kind === 'field').map((c) => c.name);
        const context = Object.assign({}, list.search ? list.search.context : {});
        const record = new Record({
            model: list.model, fields: list.fields, models: { [list.model]: list.fields },
            fieldNames: names, resId: listRecord ? listRecord.id : null, context,
        });
        try {
            await record.load();
        } catch (error) {
            notifyError(error);
            if (!listRecord) {
                row.remove();
            }
            return;
        }
        if (!row.isConnected) {
            return;           // the list was drawn again meanwhile
        }
        this.record = record;
        this.listRecord = listRecord;
        this.items = [];
        const editing = el('tr', { class: 'o_data_row o_selected_row', dataset: { id: listRecord ? listRecord.id : '' } },
            el('td', { class: 'o_list_record_selector' }));
        for (const column of list.columns) {
            if (column.kind !== 'field') {
                editing.appendChild(el('td', { class: 'o_list_button' }));
                continue;
            }
            const Widget = fieldWidget(column.field, column.node);
            const widget = new Widget({ record, name: column.name, field: column.field, node: column.node,
                env: { models: record.models, viewManager: list.viewManager } });
            this.items.push({ column, widget });
            editing.appendChild(el('td', { class: `o_data_cell o_field_cell o_field_${column.field.type}`,
                dataset: { name: column.name } }, widget.element));
        }
        this.refresh({ initial: true });
        this.unwatch = record.onChange((changed, origin) => {
            const names = new Set(changed);
            for (const { widget } of this.items) {
                if (widget !== origin && names.has(widget.name)) {
                    widget.render();
                }
                if (names.has(widget.name)) {
                    widget.setInvalid(false);
                }
            }
            this.refresh();
        });
        editing.addEventListener('keydown', (event) => this.onKeydown(event));
        row.replaceWith(editing);
        this.row = editing;
        const first = this.items.find(({ widget }) => !widget.readonly);
        if (first) {
            first.widget.focus();
        }
    }

    /** Re-evaluate each cell's read-only and required state for the record's values. */
    refresh({ initial = false } = {}) {
        for (const item of this.items) {
            const modifiers = nodeModifiers(item.column.node, this.record, item.column.field);
            item.modifiers = modifiers;
            item.widget.setRequired(modifiers.required);
            if (initial) {
                item.widget.readonly = modifiers.readonly;
                item.widget.render();
            } else {
                item.widget.setReadonly(modifiers.readonly);
            }
            item.widget.element.hidden = modifiers.invisible;
        }
    }

    onKeydown(event) {
        if (event.defaultPrevented) {
            return;           // a widget used the key (a many2one choosing in its dropdown)
        }
        if (event.key === 'Enter' && event.target.tagName !== 'TEXTAREA') {
            event.preventDefault();
            this.save();
        } else if (event.key === 'Escape') {
            event.preventDefault();
            this.discard();
        }
    }

    /** The labels of the required fields left empty (marked invalid). */
    invalidFields() {
        const labels = [];
        for (const { column, widget, modifiers } of this.items) {
            const invalid = Boolean(modifiers && modifiers.required && !modifiers.readonly && !modifiers.invisible
                && widget.isEmpty());
            widget.setInvalid(invalid);
            if (invalid) {
                labels.push(column.string);
            }
        }
        return labels;
    }

    async saveCurrent() {
        const record = this.record;
        if (!record) {
            return true;
        }
        const invalid = this.invalidFields();
        if (invalid.length) {
            notifyError(_t('The following fields are invalid: %s', invalid.join(', ')));
            return false;
        }
        const created = record.isNew;
        if (!created && !record.isDirty) {
            this.close(this.listRecord);
            return true;
        }
        let saved;
        try {
            await record.save();
            const rows = await call(this.list.model, 'read', [[record.resId], this.list.fieldNames()],
                { context: record.context });
            saved = rows[0];
        } catch (error) {
            notifyError(error);
            return false;
        }
        if (!saved) {
            return false;
        }
        this.list.replaceRecord(this.listRecord, saved, { top: this.position === 'top' });
        this.close(saved);
        return true;
    }

    /** Leave edition and draw `listRecord`'s row in place of the edited one. */
    close(listRecord) {
        const row = this.row;
        this.reset();
        if (row && row.isConnected) {
            row.replaceWith(this.list.renderRow(listRecord, this.list.siblingsOf(listRecord)));
        }
    }
}
