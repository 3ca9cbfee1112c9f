/**
 * The list view: the tree arch's columns over one page of records.
 *
 * One page is read with `web_search_read` (never all rows); a click on a
 * header sorts, the pager moves by pages, rows can be selected for bulk
 * actions (delete, archive, export, the model's bound actions and
 * reports). With a group-by the list shows `read_group` groups with their
 * counts and sums, opened and closed on click; nested group-bys nest.
 * An arch with `editable="top|bottom"` edits its rows in place
 * (`ListEditor`) instead of opening the form. An html column shows its
 * value's emphasis (`<mark>` of search excerpts) and nothing else of it.
 */
import { call } from '../rpc.js';
import { el, childElements } from '../dom.js';
import { formatValue, formatHtml } from '../fields/format.js';
import { notifyError } from '../notify.js';
import { confirmDialog } from '../dialog.js';
import { evalBoolean, evalColors } from '../py.js';
import { session } from '../session.js';
import { _t } from '../translate.js';
import { ListEditor } from './list_editor.js';

const NUMERIC = ['integer', 'float', 'monetary'];
const DECORATIONS = ['danger', 'warning', 'success', 'info', 'muted', 'bf', 'it'];

export class ListView {
    constructor(env) {
        this.env = env;
        this.model = env.model;
        this.fields = env.fields;
        this.arch = env.arch;
        this.viewManager = env.viewManager;
        this.limit = env.action && env.action.limit ? env.action.limit : 80;
        this.offset = 0;
        this.order = null;
        this.records = [];
        this.length = 0;
        this.selected = new Set();
        this.columns = this.parseColumns();
        const editable = this.arch.getAttribute('editable');
        this.editor = editable === 'top' || editable === 'bottom' ? new ListEditor(this, editable) : null;
    }

    parseColumns() {
        const columns = [];
        for (const node of childElements(this.arch)) {
            if (node.tagName === 'field') {
                const name = node.getAttribute('name');
                const field = this.fields[name];
                if (!field || ['1', 'True', 'true'].includes(node.getAttribute('invisible')) ||
                    node.getAttribute('column_invisible') === '1') {
                    continue;
                }
                columns.push({ kind: 'field', name, field, string: node.getAttribute('string') || field.string || name,
                    sum: node.getAttribute('sum'), widget: node.getAttribute('widget'), node });
            } else if (node.tagName === 'button') {
                columns.push({ kind: 'button', name: node.getAttribute('name'), string: node.getAttribute('string') || '',
                    type: node.getAttribute('type') || 'object', states: node.getAttribute('states'),
                    confirm: node.getAttribute('confirm'), context: node.getAttribute('context'), node });
            }
        }
        return columns;
    }

    fieldNames() {
        const names = new Set(this.columns.filter((c) => c.kind === 'field').map((c) => c.name));
        for (const extra of ['state', 'active', 'display_name']) {
            if (extra in this.fields || extra === 'display_name') {
                names.add(extra);
            }
        }
        // fields the colours and decorations read
        const expressions = [this.arch.getAttribute('colors') || ''];
        for (const decoration of DECORATIONS) {
            expressions.push(this.arch.getAttribute(`decoration-${decoration}`) || '');
        }
        for (const name of Object.keys(this.fields)) {
            if (expressions.some((text) => new RegExp(`\\b${name}\\b`).test(text))) {
                names.add(name);
            }
        }
        return Array.from(names);
    }

    async mount(element) {
        this.element = element;
        this.table = el('table', { class: 'o_list_table' });
        this.container = el('div', { class: 'o_list_view' }, el('div', { class: 'o_list_container' }, this.table));
        element.appendChild(this.container);
        this.renderButtons();
        await this.reload();
    }

    renderButtons() {
        const buttons = this.viewManager.buttons;
        buttons.replaceChildren();
        const create = this.arch.getAttribute('create') !== 'false' && this.arch.getAttribute('create') !== '0';
        if (create) {
            buttons.appendChild(el('button', { type: 'button', class: 'o_button o_button_primary o_button_create',
                onclick: () => this.createRecord() }, _t('New')));
        }
        if (create && this.arch.getAttribute('import') !== 'false') {
            buttons.appendChild(el('button', { type: 'button', class: 'o_button o_button_import', onclick: () => this.openImport() }, _t('Import')));
        }
    }

    /** New: an empty row in edition (editable lists) or the form of a new record. */
    createRecord() {
        if (this.editor) {
            return this.editor.add();
        }
        return this.viewManager.openRecord(null, this.records.map((r) => r.id));
    }

    async openImport() {
        const { openImport } = await import('../import_dialog.js');
        openImport(this.viewManager);
    }

    /** Read the page (or the groups) matching the current search. */
    async reload({ offset = this.offset } = {}) {
        this.offset = offset;
        const search = this.viewManager.searchState();
        this.search = search;
        const context = Object.assign({}, search.context);
        try {
            if (search.groupBy.length) {
                this.groups = await this.readGroups(search.domain, search.groupBy, context);
                this.records = [];
                this.length = this.groups.reduce((total, group) => total + group.count, 0);
            } else {
                this.groups = null;
                const result = await call(this.model, 'web_search_read', [], {
                    domain: search.domain, fields: this.fieldNames(), offset: this.offset, limit: this.limit,
                    order: this.order, context,
                });
                this.records = result.records;
                this.length = result.length;
            }
        } catch (error) {
            notifyError(error);
            return;
        }
        this.selected.clear();
        this.render();
    }

    async readGroups(domain, groupBy, context) {
        const sums = this.columns.filter((c) => c.kind === 'field' && c.sum && NUMERIC.includes(c.field.type)).map((c) => c.name);
        const rows = await call(this.model, 'read_group', [domain, sums, [groupBy[0]]], { lazy: true, context });
        const field = groupBy[0].split(':')[0];
        return rows.map((row) => ({
            field,
            value: row[groupBy[0]] !== undefined ? row[groupBy[0]] : row[field],
            count: row.__count !== undefined ? row.__count : (row[`${field}_count`] || 0),
            domain: row.__domain || domain,
            sums: Object.fromEntries(sums.map((name) => [name, row[name]])),
            rest: groupBy.slice(1),
            open: false,
            records: null,
            subgroups: null,
        }));
    }

    render() {
        if (this.editor) {
            this.editor.reset();
        }
        this.table.replaceChildren(this.renderHeader(), this.renderBody(), this.renderFooter());
        this.renderPager();
        this.renderActionMenus();
        if (!this.groups && !this.records.length) {
            this.table.querySelector('tbody').appendChild(el('tr', { class: 'o_list_empty' },
                el('td', { colspan: this.columns.length + 1 }, _t('No record matches: change the search, or create one with New.'))));
        }
    }

    renderHeader() {
        const selectAll = el('input', { type: 'checkbox', 'aria-label': _t('Select all') });
        selectAll.addEventListener('change', () => {
            for (const record of this.records) {
                if (selectAll.checked) {
                    this.selected.add(record.id);
                } else {
                    this.selected.delete(record.id);
                }
            }
            for (const box of this.table.querySelectorAll('tbody td.o_list_record_selector input')) {
                box.checked = selectAll.checked;
            }
            this.renderActionMenus();
        });
        const row = el('tr', {}, el('th', { class: 'o_list_record_selector' }, this.groups ? null : selectAll));
        for (const column of this.columns) {
            if (column.kind === 'button') {
                row.appendChild(el('th', { class: 'o_list_button_header' }));
                continue;
            }
            const [orderField, direction] = (this.order || '').split(' ');
            const classes = ['o_column_sortable'];
            if (NUMERIC.includes(column.field.type)) {
                classes.push('o_list_number');
            }
            if (orderField === column.name) {
                classes.push(direction === 'desc' ? 'o_sort_desc' : 'o_sort_asc');
            }
            const header = el('th', { class: classes.join(' '), dataset: { name: column.name }, title: column.field.help || '' }, column.string);
            if (column.field.sortable !== false && !this.groups) {
                header.addEventListener('click', () => {
                    this.order = orderField === column.name && direction !== 'desc' ? `${column.name} desc` : `${column.name} asc`;
                    this.reload({ offset: 0 });
                });
            }
            row.appendChild(header);
        }
        return el('thead', {}, row);
    }

    renderBody() {
        const body = el('tbody');
        if (this.groups) {
            for (const group of this.groups) {
                this.renderGroup(body, group, 0);
            }
        } else {
            for (const record of this.records) {
                body.appendChild(this.renderRow(record, this.records));
            }
        }
        return body;
    }

    groupLabel(group) {
        const field = this.fields[group.field] || { type: 'char' };
        if (group.value === false || group.value === null || group.value === undefined) {
            return _t('None');
        }
        if (Array.isArray(group.value)) {
            return String(group.value[1]);
        }
        return formatValue(group.value, field) || String(group.value);
    }

    renderGroup(body, group, depth) {
        const cells = [el('th', { class: 'o_group_name', colspan: 1 + this.firstSumIndex(), style: `padding-left: ${0.5 + depth * 1.2}rem` },
            el('span', { class: group.open ? 'o_group_caret o_open' : 'o_group_caret' }, group.open ? '▾ ' : '▸ '),
            this.groupLabel(group), ' ', el('span', { class: 'o_group_count' }, `(${group.count})`))];
        this.columns.slice(this.firstSumIndex()).forEach((column) => {
            const value = column.kind === 'field' && column.sum ? group.sums[column.name] : null;
            cells.push(el('td', { class: 'o_list_number', dataset: { name: column.name || '' } },
                value !== null && value !== undefined ? formatValue(value, column.field) : ''));
        });
        const header = el('tr', { class: 'o_group_header' + (group.open ? ' o_group_open' : ''), tabindex: 0 }, cells);
        const toggle = async () => {
            group.open = !group.open;
            if (group.open) {
                try {
                    if (group.rest.length) {
                        group.subgroups = await this.readGroups(group.domain, group.rest, this.search.context);
                    } else {
                        const result = await call(this.model, 'web_search_read', [], {
                            domain: group.domain, fields: this.fieldNames(), offset: 0, limit: this.limit,
                            order: this.order, context: this.search.context,
                        });
                        group.records = result.records;
                    }
                } catch (error) {
                    notifyError(error);
                    group.open = false;
                }
            }
            this.table.replaceChild(this.renderBody(), this.table.querySelector('tbody'));
        };
        header.addEventListener('click', toggle);
        header.addEventListener('keydown', (event) => { if (event.key === 'Enter') { toggle(); } });
        body.appendChild(header);
        if (group.open) {
            if (group.subgroups) {
                for (const sub of group.subgroups) {
                    this.renderGroup(body, sub, depth + 1);
                }
            } else if (group.records) {
                for (const record of group.records) {
                    body.appendChild(this.renderRow(record, group.records));
                }
            }
        }
    }

    firstSumIndex() {
        const index = this.columns.findIndex((c) => c.kind === 'field' && c.sum);
        return index < 0 ? this.columns.length : index;
    }

    evalScope(record) {
        const scope = Object.assign({ uid: session.uid, current_date: new Date().toISOString().slice(0, 10) }, session.user_context);
        for (const [name, value] of Object.entries(record)) {
            scope[name] = Array.isArray(value) && this.fields[name] && this.fields[name].type === 'many2one' ? value[0] : value;
        }
        return scope;
    }

    rowClasses(record) {
        const classes = ['o_data_row'];
        const scope = this.evalScope(record);
        const colors = this.arch.getAttribute('colors');
        let color = null;
        if (colors) {
            try {
                color = evalColors(colors, scope);
            } catch (error) {
                color = null;
            }
        }
        for (const decoration of DECORATIONS) {
            const expression = this.arch.getAttribute(`decoration-${decoration}`);
            if (expression) {
                try {
                    if (evalBoolean(expression, scope)) {
                        classes.push(`o_decoration_${decoration}`);
                    }
                } catch (error) {
                    // a decoration that cannot be evaluated is simply not shown
                }
            }
        }
        return { classes, color };
    }

    renderRow(record, siblings) {
        const { classes, color } = this.rowClasses(record);
        const selector = el('input', { type: 'checkbox', 'aria-label': _t('Select the record'), checked: this.selected.has(record.id) });
        selector.addEventListener('click', (event) => event.stopPropagation());
        selector.addEventListener('change', () => {
            if (selector.checked) {
                this.selected.add(record.id);
            } else {
                this.selected.delete(record.id);
            }
            this.renderActionMenus();
        });
        const row = el('tr', { class: classes.join(' '), dataset: { id: record.id }, style: color ? `color: ${color}` : null, tabindex: 0 },
            el('td', { class: 'o_list_record_selector' }, selector));
        if (color) {
            row.dataset.color = color;
        }
        for (const column of this.columns) {
            if (column.kind === 'button') {
                row.appendChild(el('td', { class: 'o_list_button' }, this.renderButton(column, record)));
                continue;
            }
            const type = column.field.type;
            const text = formatValue(record[column.name], column.field);
            const cell = el('td', { class: `o_data_cell o_field_${type}` + (NUMERIC.includes(type) ? ' o_list_number' : ''),
                dataset: { name: column.name }, title: text }, type === 'html' ? formatHtml(record[column.name]) : text);
            if (type === 'boolean') {
                cell.replaceChildren(el('input', { type: 'checkbox', disabled: true, checked: Boolean(record[column.name]), 'aria-label': column.string }));
            }
            row.appendChild(cell);
        }
        const open = () => (this.editor ? this.editor.edit(record, row)
            : this.viewManager.openRecord(record.id, siblings.map((r) => r.id)));
        row.addEventListener('click', open);
        row.addEventListener('keydown', (event) => { if (event.key === 'Enter' && event.target === row) { open(); } });
        return row;
    }

    renderButton(column, record) {
        if (column.states && !column.states.split(',').includes(record.state)) {
            return null;
        }
        const button = el('button', { type: 'button', class: 'o_button o_list_row_button', name: column.name,
            dataset: { type: column.type }, title: column.string }, column.string);
        button.addEventListener('click', async (event) => {
            event.stopPropagation();
            await this.viewManager.executeButton({ type: column.type, name: column.name, confirm: column.confirm },
                { resId: record.id, resIds: [record.id] });
            await this.reload();
        });
        return button;
    }

    renderFooter() {
        const hasSums = this.columns.some((c) => c.kind === 'field' && c.sum);
        if (!hasSums) {
            return el('tfoot');
        }
        const records = this.groups ? null : this.records;
        const cells = [el('td')];
        for (const column of this.columns) {
            if (column.kind === 'field' && column.sum && NUMERIC.includes(column.field.type)) {
                const total = records ? records.reduce((sum, r) => sum + (r[column.name] || 0), 0)
                    : this.groups.reduce((sum, g) => sum + (g.sums[column.name] || 0), 0);
                cells.push(el('td', { class: 'o_list_number o_list_sum', dataset: { name: column.name }, title: column.sum }, formatValue(total, column.field)));
            } else {
                cells.push(el('td'));
            }
        }
        return el('tfoot', {}, el('tr', {}, cells));
    }

    renderPager() {
        const pager = this.viewManager.pager;
        pager.replaceChildren();
        if (this.groups) {
            pager.appendChild(el('span', { class: 'o_pager_limit' }, String(this.length)));
            return;
        }
        const first = this.length ? this.offset + 1 : 0;
        const last = Math.min(this.offset + this.limit, this.length);
        const previous = el('button', { type: 'button', class: 'o_pager_previous', 'aria-label': _t('Previous'), disabled: this.offset <= 0 }, '‹');
        const next = el('button', { type: 'button', class: 'o_pager_next', 'aria-label': _t('Next'), disabled: last >= this.length }, '›');
        previous.addEventListener('click', () => this.reload({ offset: Math.max(0, this.offset - this.limit) }));
        next.addEventListener('click', () => this.reload({ offset: this.offset + this.limit }));
        pager.append(el('span', { class: 'o_pager_counter' },
            el('span', { class: 'o_pager_value' }, `${first}-${last}`), ' / ', el('span', { class: 'o_pager_limit' }, String(this.length))),
        previous, next);
    }

    renderActionMenus() {
        const menus = this.viewManager.actionMenus;
        menus.replaceChildren();
        const ids = Array.from(this.selected);
        if (!ids.length) {
            return;
        }
        menus.appendChild(el('span', { class: 'o_selection_count' }, _t('%s selected', ids.length)));
        const button = (classes, label, handler) => {
            const node = el('button', { type: 'button', class: `o_button ${classes}` }, label);
            node.addEventListener('click', handler);
            menus.appendChild(node);
        };
        button('o_action_export', _t('Export'), () => this.exportSelection(ids));
        if ('active' in this.fields) {
            button('o_action_archive', _t('Archive'), () => this.writeSelection(ids, { active: false }));
            button('o_action_unarchive', _t('Unarchive'), () => this.writeSelection(ids, { active: true }));
        }
        button('o_action_delete', _t('Delete'), () => this.deleteSelection(ids));
        const toolbar = this.viewManager.toolbar || {};
        for (const action of [...(toolbar.print || []), ...(toolbar.action || [])]) {
            button('o_action_bound', action.name, () => this.viewManager.doAction(action, {
                additionalContext: { active_id: ids[0], active_ids: ids, active_model: this.model },
                onClose: () => this.reload(),
            }));
        }
    }

    async exportSelection(ids) {
        const { exportRecords } = await import('../export.js');
        const names = this.columns.filter((c) => c.kind === 'field').map((c) => c.name);
        exportRecords(this.model, ids, names, this.search ? this.search.domain : []);
    }

    async writeSelection(ids, values) {
        try {
            await call(this.model, 'write', [ids, values]);
        } catch (error) {
            notifyError(error);
            return;
        }
        await this.reload();
    }

    async deleteSelection(ids) {
        if (!(await confirmDialog(ids.length === 1 ? _t('Delete 1 record? This cannot be undone.')
            : _t('Delete %s records? This cannot be undone.', ids.length)))) {
            return;
        }
        try {
            await call(this.model, 'unlink', [ids]);
        } catch (error) {
            notifyError(error);
            return;
        }
        await this.reload();
    }

    /** The records drawn next to `record` (the page, or its group's): what the form's pager goes through. */
    siblingsOf(record) {
        if (this.records.includes(record)) {
            return this.records;
        }
        const search = (groups) => {
            for (const group of groups || []) {
                if (group.records && group.records.includes(record)) {
                    return group.records;
                }
                const found = search(group.subgroups);
                if (found) {
                    return found;
                }
            }
            return null;
        };
        return search(this.groups) || this.records;
    }

    /** An edited row was saved: `saved` (read again) replaces `previous`, or joins the page when new. */
    replaceRecord(previous, saved, { top = false } = {}) {
        const records = previous ? this.siblingsOf(previous) : this.records;
        const index = previous ? records.indexOf(previous) : -1;
        if (index >= 0) {
            records[index] = saved;
            return;
        }
        if (top) {
            records.unshift(saved);
        } else {
            records.push(saved);
        }
        this.length += 1;
        if (!this.groups) {
            this.renderPager();
        }
    }

    /** Leaving the list saves the row in edition; a row that cannot be saved keeps the user here. */
    canLeave() {
        return this.editor ? this.editor.save() : Promise.resolve(true);
    }

    destroy() {
        this.viewManager.actionMenus.replaceChildren();
    }
}
