/**
 * x2many fields: a one2many as a list whose lines are edited in the row
 * (`editable="top|bottom"`) or in a dialog with the line's form; a
 * many2many as tags with an autocomplete, or as a list when the arch gives
 * it a `tree`. Lines are records of their own (`X2ManyValue`); the parent
 * sends them as commands when it is saved.
 */
import { el } from '../dom.js';
import { call } from '../rpc.js';
import { notifyError, notifyInfo } from '../notify.js';
import { confirmDialog } from '../dialog.js';
import { parseArch, childElements } from '../dom.js';
import { Record, X2ManyValue, nodeContext } from '../record.js';
import { FieldWidget } from './char.js';
import { formatValue } from './format.js';
import { fieldDomain, fieldContext, openSearchMore } from './many2one.js';
import { fieldWidget } from './registry.js';
import { openFormDialog } from '../views/form.js';
import { nodeModifiers } from '../views/form_renderer.js';
import { _t } from '../translate.js';

const viewsCache = new Map();

/** The comodel's default list and form views (one `get_views`, kept for the page's life). */
function comodelViews(model, context) {
    if (!viewsCache.has(model)) {
        const promise = call(model, 'get_views', [[[false, 'list'], [false, 'form']]], { context }).then((result) => ({
            list: { arch: parseArch(result.views.list.arch), fields: result.models[model] || {} },
            form: { arch: parseArch(result.views.form.arch), fields: result.models[model] || {} },
            models: result.models,
        }));
        promise.catch(() => viewsCache.delete(model));
        viewsCache.set(model, promise);
    }
    return viewsCache.get(model);
}

const TRUE_VALUES = new Set(['1', 'True', 'true']);

class X2ManyField extends FieldWidget {
    get x2() {
        let value = this.record.data[this.name];
        if (!(value instanceof X2ManyValue)) {
            value = new X2ManyValue(this.field, Array.isArray(value) ? value : [], this.comodelFields());
            this.record.data[this.name] = value;
        }
        return value;
    }

    comodelFields() {
        return (this.env.models && this.env.models[this.field.relation]) || {};
    }

    subView(tag) {
        return this.node ? childElements(this.node).find((child) => child.tagName === tag) || null : null;
    }

    /** `{arch, fields}` of the lines' list (`tree`) or `form`: the arch's own, else the comodel's default. */
    async view(kind) {
        const inline = this.subView(kind === 'list' ? 'tree' : 'form');
        if (inline) {
            return { arch: inline, fields: this.comodelFields(), models: this.env.models || {} };
        }
        const views = await comodelViews(this.field.relation, fieldContext(this));
        return { arch: views[kind].arch, fields: Object.assign({}, views[kind].fields, this.comodelFields()),
            models: Object.assign({}, views.models, this.env.models || {}) };
    }

    /** Give the lines what they need to evaluate and save (fields, parent, context). */
    prepare(fields, models) {
        const x2 = this.x2;
        x2.fields = fields;
        for (const line of x2.records) {
            this.adopt(line, fields, models);
        }
        return x2;
    }

    adopt(line, fields, models) {
        if (!Object.keys(line.fields).length || line.fields !== fields) {
            line.fields = Object.assign({}, fields, line.fields);
        }
        line.parent = this.record;
        line.models = models || line.models;
        line.context = fieldContext(this);
        return line;
    }

    changed() {
        this.x2.changed = true;
        this.record.touch(this.name, this);
    }

    isEmpty() {
        return !this.x2.records.length;
    }

    /** The visible columns of a list arch. */
    columns(arch, fields) {
        return childElements(arch).filter((node) => node.tagName === 'field' && fields[node.getAttribute('name')]
            && !TRUE_VALUES.has(node.getAttribute('invisible') || ''));
    }

    /** The buttons of a list arch (drawn in each row, after the fields). */
    lineButtons(arch) {
        return childElements(arch).filter((node) => node.tagName === 'button'
            && !TRUE_VALUES.has(node.getAttribute('invisible') || ''));
    }

    /** A cell with the line's buttons (those its `states=` / `attrs` leave visible). */
    buttonCell(line, buttons) {
        const cell = el('td', { class: 'o_list_button' });
        for (const node of buttons) {
            if (nodeModifiers(node, line).invisible) {
                continue;
            }
            const type = node.getAttribute('type') || 'workflow';
            const button = el('button', {
                type: 'button', class: `o_button o_list_line_button ${node.getAttribute('class') || ''}`.trim(),
                name: node.getAttribute('name'), dataset: { type }, title: node.getAttribute('help') || null,
            }, node.getAttribute('string') || node.getAttribute('name') || '');
            button.addEventListener('click', async (event) => {
                event.stopPropagation();
                if (button.disabled) {
                    return;
                }
                button.disabled = true;
                try {
                    await this.runLineButton(line, node);
                } finally {
                    button.disabled = false;
                }
            });
            cell.appendChild(button);
        }
        return cell;
    }

    /**
     * A button of a line: the parent is saved first (a new line gets its id
     * then), the method or workflow signal runs on the line's model, and the
     * form is read again.
     */
    async runLineButton(line, node) {
        const form = this.env.form;
        if (!form) {
            notifyInfo(_t('Save this record first, then use the buttons of its lines from its own form.'));
            return;
        }
        const confirm = node.getAttribute('confirm');
        if (confirm && !(await confirmDialog(confirm))) {
            return;
        }
        const before = new Set(this.x2.ids());
        const index = this.x2.records.indexOf(line);
        const scope = nodeContext(line, node, null);
        let lineId = line.resId;
        if ((form.record.isNew || form.record.isDirty) && !(await form.save())) {
            return;
        }
        if (!lineId) {
            // a line made in the form: the id the save gave it
            const value = form.record.data[this.name];
            const ids = value instanceof X2ManyValue ? value.ids() : [];
            const added = ids.filter((id) => !before.has(id));
            lineId = added.length === 1 ? added[0] : ids[index];
        }
        if (!lineId) {
            return;
        }
        const model = this.field.relation;
        const name = node.getAttribute('name');
        const type = node.getAttribute('type') || 'workflow';
        const context = Object.assign({}, fieldContext(this), scope,
            { active_id: lineId, active_ids: [lineId], active_model: model });
        let action = null;
        try {
            if (type === 'workflow') {
                await call(model, 'signal_workflow', [[lineId], name], { context });
            } else if (type === 'action') {
                action = /^\d+$/.test(name) ? parseInt(name, 10) : name;
            } else {
                const result = await call(model, name, [[lineId]], { context });
                if (result && typeof result === 'object' && !Array.isArray(result) && result.type) {
                    action = result;
                }
            }
        } catch (error) {
            notifyError(error);
            return;
        }
        const manager = this.env.viewManager;
        if (action && action.type !== 'ir.actions.act_window_close' && manager) {
            await manager.doAction(action, {
                additionalContext: { active_id: lineId, active_ids: [lineId], active_model: model },
                onClose: () => form.reload(),
            });
        }
        await form.reload();
    }

    /** Draw the lines as a table (`this.cell(line, column)` draws a cell). */
    async renderTable(onRowClick, { canDelete, canAdd, onAdd, editing = null }) {
        const holder = el('div', { class: 'o_x2many_list' });
        this.element.appendChild(holder);
        let list;
        try {
            list = await this.view('list');
        } catch (error) {
            holder.appendChild(el('p', { class: 'o_x2many_error' }, error.message));
            return;
        }
        const fields = list.fields;
        const columns = this.columns(list.arch, fields);
        const buttons = this.lineButtons(list.arch);
        const x2 = this.prepare(fields, list.models);
        const names = columns.map((c) => c.getAttribute('name'));
        if (buttons.some((b) => b.getAttribute('states')) && fields.state && !names.includes('state')) {
            names.push('state');         // what the buttons' states= look at
        }
        try {
            await x2.load(names, fieldContext(this));
        } catch (error) {
            notifyError(error);
        }
        if (!holder.isConnected && !this.element.contains(holder)) {
            return;
        }
        this.listFields = fields;
        this.listArch = list.arch;
        const head = el('tr', {}, columns.map((column) => {
            const name = column.getAttribute('name');
            return el('th', { dataset: { name } }, column.getAttribute('string') || fields[name].string || name);
        }), buttons.length ? el('th', { class: 'o_list_button_header' }) : null, canDelete ? el('th', { class: 'o_list_record_remove_header' }) : null);
        const body = el('tbody');
        for (const line of x2.records) {
            const row = el('tr', { class: 'o_data_row' + (line === editing ? ' o_selected_row' : ''),
                dataset: { id: line.resId || '' } });
            for (const column of columns) {
                row.appendChild(this.cell(line, column, fields, line === editing));
            }
            if (buttons.length) {
                row.appendChild(this.buttonCell(line, buttons));
            }
            if (canDelete) {
                const remove = el('button', { type: 'button', class: 'o_list_record_remove', title: _t('Delete'), 'aria-label': _t('Delete the line') }, '🗑');
                remove.addEventListener('click', (event) => {
                    event.stopPropagation();
                    if (this.editing === line) {
                        this.editing = null;
                    }
                    x2.remove(line);
                    this.changed();
                    this.render();
                });
                row.appendChild(el('td', { class: 'o_list_record_remove_cell' }, remove));
            }
            if (line !== editing) {
                row.addEventListener('click', () => onRowClick(line));
            }
            body.appendChild(row);
        }
        const table = el('table', { class: 'o_list_table o_x2many_table' }, el('thead', {}, head), body);
        holder.appendChild(el('div', { class: 'o_x2many_table_wrap' }, table));
        if (canAdd) {
            const add = el('a', { href: '#', class: 'o_field_x2many_list_row_add', role: 'button' }, _t('Add a line'));
            add.addEventListener('click', (event) => { event.preventDefault(); onAdd(); });
            holder.appendChild(add);
        }
    }

    cell(line, column, fields) {
        const name = column.getAttribute('name');
        return el('td', { dataset: { name } }, formatValue(line.data[name], fields[name]));
    }
}

export class One2ManyField extends X2ManyField {
    render() {
        this.element.replaceChildren();
        this.element.classList.toggle('o_readonly_modifier', this.readonly);
        if (this.readonly) {
            this.editing = null;
        }
        this.renderTable((line) => this.openLine(line), {
            canDelete: !this.readonly, canAdd: !this.readonly, onAdd: () => this.addLine(),
            editing: this.editing,
        });
        return this.element;
    }

    editableMode() {
        const tree = this.subView('tree') || this.listArch;
        const value = tree ? tree.getAttribute('editable') : null;
        return value === 'top' || value === 'bottom' ? value : null;
    }

    cell(line, column, fields, editing) {
        if (!editing) {
            return super.cell(line, column, fields);
        }
        const name = column.getAttribute('name');
        const field = fields[name];
        const Widget = fieldWidget(field, column);
        const modifiers = nodeModifiers(column, line, field);
        const widget = new Widget({ record: line, name, field, node: column, readonly: modifiers.readonly, env: this.env });
        widget.setRequired(modifiers.required);
        widget.render();
        return el('td', { dataset: { name }, class: 'o_field_cell' }, widget.element);
    }

    async openLine(line) {
        if (this.editableMode() && !this.readonly) {
            this.startEditing(line);
            return;
        }
        let form;
        try {
            form = await this.view('form');
        } catch (error) {
            notifyError(error);
            return;
        }
        this.adopt(line, form.fields, form.models);
        openFormDialog({
            model: this.field.relation, title: this.field.string, arch: form.arch, fields: form.fields,
            models: form.models, record: line, mode: this.readonly ? 'readonly' : 'edit',
            onSave: () => {
                this.changed();
                this.render();
                return true;
            },
        });
    }

    startEditing(line) {
        if (this.unwatch) {
            this.unwatch();
        }
        this.editing = line;
        this.unwatch = line.onChange(() => {
            this.x2.changed = true;
            this.record.touch(this.name, this);
        });
        this.render();
    }

    async newLine(fields, models) {
        const context = Object.assign({}, fieldContext(this));
        if (this.field.relation_field && !(`default_${this.field.relation_field}` in context) && this.record.resId) {
            context[`default_${this.field.relation_field}`] = this.record.resId;
        }
        const names = Object.keys(fields).filter((name) => name !== this.field.relation_field);
        const line = new Record({ model: this.field.relation, fields, fieldNames: names, context, parent: this.record, models });
        line.virtual = true;
        await line.loadDefaults();
        return line;
    }

    async addLine() {
        const editable = this.editableMode();
        try {
            if (editable) {
                const list = await this.view('list');
                const names = this.columns(list.arch, list.fields).map((c) => c.getAttribute('name'));
                const fields = Object.fromEntries(names.map((n) => [n, list.fields[n]]));
                const line = await this.newLine(fields, list.models);
                line.fields = list.fields;
                this.x2.add(line, { top: editable === 'top' });
                this.changed();
                this.startEditing(line);
                return;
            }
            const form = await this.view('form');
            const names = [];
            for (const node of form.arch.querySelectorAll('field')) {
                if (!node.parentElement || !['tree', 'form'].includes(node.parentElement.tagName) || node.parentElement === form.arch) {
                    names.push(node.getAttribute('name'));
                }
            }
            const subset = Object.fromEntries(names.filter((n) => form.fields[n]).map((n) => [n, form.fields[n]]));
            const line = await this.newLine(subset, form.models);
            line.fields = form.fields;
            openFormDialog({
                model: this.field.relation, title: this.field.string, arch: form.arch, fields: form.fields,
                models: form.models, record: line, mode: 'edit',
                onSave: () => {
                    this.x2.add(line);
                    this.changed();
                    this.render();
                    return true;
                },
            });
        } catch (error) {
            notifyError(error);
        }
    }
}

/** A many2many shown as a list (the arch gave it a `tree`): lines are picked with "Search More". */
export class Many2ManyListField extends X2ManyField {
    get widgetType() {
        return 'many2many';
    }

    render() {
        this.element.replaceChildren();
        this.renderTable(() => {}, {
            canDelete: !this.readonly, canAdd: !this.readonly, onAdd: () => this.pick(),
        });
        return this.element;
    }

    pick() {
        const ids = this.x2.ids();
        openSearchMore({
            model: this.field.relation, title: this.field.string, context: fieldContext(this),
            domain: [...fieldDomain(this), ['id', 'not in', ids]],
            onSelect: ([id, name]) => {
                const line = new Record({ model: this.field.relation, fields: this.x2.fields, resId: id });
                line.data.display_name = name;
                this.x2.add(line);
                this.changed();
                this.render();
            },
        });
    }
}

/** A many2many as tags (`.o_tag`, removable) with an input that proposes more records. */
export class Many2ManyTagsField extends X2ManyField {
    get widgetType() {
        return 'many2many';
    }

    render() {
        this.element.replaceChildren();
        this.element.classList.toggle('o_readonly_modifier', this.readonly);
        this.element.classList.add('o_field_many2many_tags');
        const tags = el('div', { class: 'o_tags' });
        this.element.appendChild(tags);
        const x2 = this.x2;
        x2.load(['display_name'], fieldContext(this)).catch(notifyError).then(() => {
            tags.replaceChildren(...x2.records.map((line) => {
                const tag = el('span', { class: 'o_tag', dataset: { id: line.resId } }, el('span', { class: 'o_tag_name' },
                    line.data.display_name || ''));
                if (!this.readonly) {
                    const remove = el('button', { type: 'button', class: 'o_tag_remove', 'aria-label': _t('Remove') }, '×');
                    remove.addEventListener('click', () => {
                        x2.remove(line);
                        this.changed();
                        this.render();
                    });
                    tag.appendChild(remove);
                }
                return tag;
            }));
        });
        if (!this.readonly) {
            this.renderInput();
        }
        return this.element;
    }

    renderInput() {
        const input = el('input', { type: 'text', class: 'o_input o_m2m_tags_input', id: this.inputId, autocomplete: 'off',
            placeholder: _t('Add…') });
        const dropdown = el('ul', { class: 'o_m2o_dropdown', role: 'listbox', hidden: true });
        this.element.appendChild(el('div', { class: 'o_m2o_input' }, input, dropdown));
        let timer = null;
        let active = -1;
        const add = ([id, name]) => {
            const line = new Record({ model: this.field.relation, fields: this.x2.fields, resId: id });
            line.data.display_name = name;
            line.loadedNames.add('display_name');
            this.x2.add(line);
            this.changed();
            this.render();
            const again = this.element.querySelector('.o_m2m_tags_input');
            if (again) {
                again.focus();
            }
        };
        const item = (label, action, extra = '') => {
            const li = el('li', { class: `o_m2o_item ${extra}`.trim(), role: 'option' }, label);
            li.addEventListener('mousedown', (event) => { event.preventDefault(); dropdown.hidden = true; action(); });
            li.addEventListener('choose', () => { dropdown.hidden = true; action(); });
            return li;
        };
        const domain = () => [...fieldDomain(this), ['id', 'not in', this.x2.ids()]];
        const search = async () => {
            let rows;
            try {
                rows = await call(this.field.relation, 'name_search', [input.value, domain(), 'ilike', 8], { context: fieldContext(this) });
            } catch (error) {
                notifyError(error);
                return;
            }
            if (document.activeElement !== input) {
                return;
            }
            dropdown.replaceChildren(...rows.map((pair) => item(pair[1], () => add(pair))),
                item(_t('Search More…'), () => openSearchMore({ model: this.field.relation, title: this.field.string,
                    domain: domain(), context: fieldContext(this), term: input.value, onSelect: add }), 'o_m2o_search_more'));
            dropdown.hidden = false;
            active = rows.length ? 0 : -1;
            Array.from(dropdown.children).forEach((li, i) => li.classList.toggle('o_active', i === active));
        };
        input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
        input.addEventListener('blur', () => { clearTimeout(timer); dropdown.hidden = true; input.value = ''; });
        input.addEventListener('keydown', (event) => {
            const list = Array.from(dropdown.children);
            if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && list.length) {
                event.preventDefault();
                active = (active + (event.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length;
                list.forEach((li, i) => li.classList.toggle('o_active', i === active));
            } else if (event.key === 'Enter' && !dropdown.hidden && active >= 0) {
                event.preventDefault();
                list[active].dispatchEvent(new Event('choose'));
            }
        });
    }
}
