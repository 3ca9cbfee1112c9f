/**
 * A many2one: an input that proposes records as the user types
 * (`name_search`, 8 at a time, in the field's domain), "Search More…" (a
 * dialog listing up to 80), "Create and Edit…" (the comodel's form in a
 * dialog), and a link that opens the chosen record.
 */
import { el } from '../dom.js';
import { call } from '../rpc.js';
import { openDialog } from '../dialog.js';
import { notifyError } from '../notify.js';
import { evalDomain } from '../py.js';
import { nodeContext } from '../record.js';
import { FieldWidget } from './char.js';
import { openFormDialog } from '../views/form.js';
import { _t } from '../translate.js';

const SEARCH_LIMIT = 8;
const MORE_LIMIT = 80;
const DEBOUNCE_MS = 250;

/** The domain of a relational widget's field: its node's or description's, plus an on-change's. */
export function fieldDomain(widget) {
    const record = widget.record;
    const fromOnchange = record.domains[widget.name];
    const text = fromOnchange || (widget.node && widget.node.getAttribute && widget.node.getAttribute('domain'))
        || widget.field.domain || [];
    try {
        return evalDomain(text, record.evalScope());
    } catch (error) {
        return [];
    }
}

/** The context of a relational widget's field, evaluated against its record. */
export function fieldContext(widget) {
    return Object.assign({}, widget.record.context || {}, nodeContext(widget.record, widget.node, widget.field));
}

/** A dialog listing the `name_search` results of `term` (80 at most); `onSelect([id, name])`. */
export function openSearchMore({ model, title, domain = [], context = {}, term = '', onSelect }) {
    const input = el('input', { type: 'search', class: 'o_input o_search_more_input', placeholder: _t('Search…') });
    input.value = term;
    const tbody = el('tbody');
    const body = el('div', { class: 'o_search_more' }, input,
        el('table', { class: 'o_list_table o_search_more_table' }, el('thead', {}, el('tr', {}, el('th', {}, _t('Name')))), tbody));
    const dialog = openDialog({ title: _t('Search: %s', title || model), body, size: 'medium',
        buttons: [{ string: _t('Cancel'), click: (d) => d.close() }] });
    const search = async () => {
        let rows = [];
        try {
            rows = await call(model, 'name_search', [input.value, domain, 'ilike', MORE_LIMIT], { context });
        } catch (error) {
            notifyError(error);
            return;
        }
        tbody.replaceChildren(...rows.map(([id, name]) => {
            const row = el('tr', { class: 'o_data_row', dataset: { id } }, el('td', {}, name));
            row.addEventListener('click', () => { dialog.close(); onSelect([id, name]); });
            return row;
        }));
        if (!rows.length) {
            tbody.appendChild(el('tr', {}, el('td', { class: 'o_nocontent' }, _t('No record found.'))));
        }
    };
    let timer = null;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, DEBOUNCE_MS); });
    search();
    input.focus();
    return dialog;
}

/** The comodel's form in a dialog to create a record (`name` prefills it); `onSaved([id, name])`. */
export async function openCreateEdit({ model, title, name = '', context = {}, onSaved }) {
    let result;
    try {
        result = await call(model, 'get_views', [[[false, 'form']]], { context });
    } catch (error) {
        notifyError(error);
        return null;
    }
    const fields = result.models[model] || {};
    const recordContext = Object.assign({}, context);
    if (name) {
        const nameField = 'name' in fields ? 'name' : null;
        if (nameField && !(`default_${nameField}` in recordContext)) {
            recordContext[`default_${nameField}`] = name;
        }
    }
    return openFormDialog({
        model, title: _t('Create: %s', title || model), arch: result.views.form.arch, fields, models: result.models,
        context: recordContext, mode: 'edit',
        async onSave(record) {
            const id = await record.save();
            onSaved([id, record.displayName()]);
            return true;
        },
    });
}

export class Many2OneField extends FieldWidget {
    renderReadonly() {
        const value = this.value;
        if (!Array.isArray(value)) {
            return;
        }
        const link = el('a', { class: 'o_form_uri', href: `#model=${encodeURIComponent(this.field.relation)}&id=${value[0]}&view_type=form` },
            value[1] || '');
        link.addEventListener('click', (event) => { event.preventDefault(); this.openRecord(); });
        this.element.appendChild(link);
    }

    /** Open the chosen record in its own form (a new breadcrumb), read mode. */
    openRecord() {
        const value = this.value;
        const manager = this.env.viewManager;
        if (!Array.isArray(value) || !manager) {
            return;
        }
        manager.doAction({
            type: 'ir.actions.act_window', res_model: this.field.relation, res_id: value[0],
            views: [[false, 'form']], name: value[1] || this.field.string, target: 'current',
            context: fieldContext(this),
        });
    }

    renderEdit() {
        const value = this.value;
        const input = el('input', { type: 'text', id: this.inputId, class: 'o_input', name: this.name, autocomplete: 'off',
            role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false' });
        input.value = Array.isArray(value) ? (value[1] || '') : '';
        const dropdown = el('ul', { class: 'o_m2o_dropdown', role: 'listbox', hidden: true });
        const wrapper = el('div', { class: 'o_m2o_input' }, input, dropdown);
        this.element.appendChild(wrapper);
        if (Array.isArray(value) && this.env.viewManager) {
            const open = el('button', { type: 'button', class: 'o_external_button', title: _t('Open'), 'aria-label': _t('Open the record') }, '↗');
            open.addEventListener('click', () => this.openRecord());
            this.element.appendChild(open);
        }
        this.input = input;
        this.dropdown = dropdown;
        let timer = null;
        let active = -1;
        let token = 0;
        const items = () => Array.from(dropdown.querySelectorAll('li'));
        const highlight = (index) => {
            const list = items();
            active = list.length ? (index + list.length) % list.length : -1;
            list.forEach((item, i) => item.classList.toggle('o_active', i === active));
        };
        const close = () => {
            dropdown.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            active = -1;
        };
        const search = async () => {
            const mine = ++token;
            const term = input.value;
            let rows = [];
            try {
                rows = await call(this.field.relation, 'name_search', [term, fieldDomain(this), 'ilike', SEARCH_LIMIT],
                    { context: fieldContext(this) });
            } catch (error) {
                notifyError(error);
                return;
            }
            if (mine !== token || document.activeElement !== input) {
                return;
            }
            dropdown.replaceChildren();
            for (const [id, name] of rows) {
                dropdown.appendChild(this._item(name, () => this.choose([id, name]), { id }));
            }
            dropdown.appendChild(this._item(_t('Search More…'), () => this.searchMore(term), { extra: 'o_m2o_search_more' }));
            if (!['0', 'False', 'false'].includes(this.attr('can_create'))) {
                dropdown.appendChild(this._item(_t('Create and Edit…'), () => this.createEdit(term), { extra: 'o_m2o_create_edit' }));
            }
            dropdown.hidden = false;
            input.setAttribute('aria-expanded', 'true');
            highlight(rows.length ? 0 : -1);
        };
        input.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(search, DEBOUNCE_MS);
        });
        input.addEventListener('focus', () => {
            if (!input.value) {
                clearTimeout(timer);
                timer = setTimeout(search, DEBOUNCE_MS);
            }
        });
        input.addEventListener('keydown', (event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                if (dropdown.hidden) {
                    search();
                } else {
                    highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
                }
            } else if (event.key === 'Enter') {
                if (!dropdown.hidden && active >= 0) {
                    event.preventDefault();
                    items()[active].dispatchEvent(new Event('choose'));
                }
            } else if (event.key === 'Escape' && !dropdown.hidden) {
                event.stopPropagation();
                close();
            }
        });
        input.addEventListener('blur', () => {
            clearTimeout(timer);
            token += 1;
            close();
            const current = this.value;
            if (!input.value.trim()) {
                if (current) {
                    this.setValue(false);
                }
            } else {
                // typed text that matches nothing chosen: show the value again
                input.value = Array.isArray(current) ? (current[1] || '') : '';
            }
        });
    }

    _item(label, action, { id = null, extra = '' } = {}) {
        const item = el('li', { class: `o_m2o_item ${extra}`.trim(), role: 'option', dataset: id ? { id } : {} }, label);
        // mousedown, not click: the input's blur would close the list first
        item.addEventListener('mousedown', (event) => { event.preventDefault(); action(); });
        item.addEventListener('choose', () => action());
        return item;
    }

    choose(pair) {
        this.dropdown.hidden = true;
        this.input.value = pair[1];
        return this.setValue(pair).then(() => this.render());
    }

    searchMore(term) {
        this.dropdown.hidden = true;
        openSearchMore({ model: this.field.relation, title: this.field.string, domain: fieldDomain(this),
            context: fieldContext(this), term, onSelect: (pair) => this.choose(pair) });
    }

    createEdit(term) {
        this.dropdown.hidden = true;
        openCreateEdit({ model: this.field.relation, title: this.field.string, name: term,
            context: fieldContext(this), onSaved: (pair) => this.choose(pair) });
    }

    isEmpty() {
        return !Array.isArray(this.value);
    }
}
