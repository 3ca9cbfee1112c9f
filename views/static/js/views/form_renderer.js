/**
 * Draws a form arch for a record: `form`, `group`, `notebook`/`page`,
 * `field` (label + widget), `separator`, `label`, `newline`, `button` on a
 * CSS grid of `col` columns (an item spans `colspan`). It re-evaluates the
 * modifiers (`invisible`, `readonly`, `required`, 5.0 `states` and
 * `attrs`, the field description's `states`) after every change.
 */
import { el, childElements } from '../dom.js';
import { evalAttrs, evalBoolean } from '../py.js';
import { fieldWidget } from '../fields/registry.js';
import { _t } from '../translate.js';

const TRUE_VALUES = new Set(['1', 'True', 'true']);
const FALSE_VALUES = new Set(['0', 'False', 'false']);
const MODIFIERS = ['invisible', 'readonly', 'required'];

function intAttr(node, name, fallback) {
    const value = parseInt(node.getAttribute(name), 10);
    return Number.isFinite(value) && value > 0 ? value : fallback;
}

function boolExpression(text, scope) {
    if (TRUE_VALUES.has(text)) {
        return true;
    }
    if (FALSE_VALUES.has(text)) {
        return false;
    }
    try {
        return evalBoolean(text, scope);
    } catch (error) {
        console.warn(`The expression "${text}" cannot be evaluated: ${error.message}`);
        return false;
    }
}

/**
 * `{invisible, readonly, required}` of an arch `node` for `record`, from the
 * field description (`field`, with its 5.0 `states`), the node's attributes,
 * its `states="a,b"` (shown only in those states) and its `attrs`.
 */
export function nodeModifiers(node, record, field = null) {
    const scope = record.evalScope();
    const hasState = 'state' in record.data;
    const state = record.data.state;
    const result = { invisible: false, readonly: Boolean(field && field.readonly), required: Boolean(field && field.required) };
    if (field && field.states && hasState && field.states[state]) {
        for (const [key, value] of field.states[state]) {
            if (key in result) {
                result[key] = Boolean(value);
            }
        }
    }
    for (const name of MODIFIERS) {
        const text = node.getAttribute(name);
        if (text !== null && text !== '') {
            result[name] = boolExpression(text.trim(), scope);
        }
    }
    const states = node.getAttribute('states');
    if (states && hasState && !states.split(',').map((s) => s.trim()).includes(state)) {
        result.invisible = true;
    }
    const attrs = node.getAttribute('attrs');
    if (attrs) {
        try {
            const values = evalAttrs(attrs, scope);
            for (const name of MODIFIERS) {
                if (new RegExp(`['"]${name}['"]\\s*:`).test(attrs)) {
                    result[name] = Boolean(values[name]);
                }
            }
        } catch (error) {
            console.warn(`The attrs "${attrs}" cannot be evaluated: ${error.message}`);
        }
    }
    return result;
}

/** The names of the fields an arch shows (not those of x2many sub-views). */
export function archFieldNames(arch) {
    const names = [];
    const walk = (node) => {
        for (const child of childElements(node)) {
            if (child.tagName === 'field') {
                names.push(child.getAttribute('name'));
            } else {
                walk(child);
            }
        }
    };
    walk(arch);
    return [...new Set(names)];
}

export class FormRenderer {
    /**
     * `mode`: 'readonly' or 'edit'; `env`: given to widgets (models,
     * viewManager); `onButton(node)`: an arch button was clicked; `state`:
     * an object kept across renders (the open notebook pages).
     */
    constructor({ arch, record, fields, mode = 'readonly', env = {}, onButton = () => {}, state = {} }) {
        this.arch = arch;
        this.record = record;
        this.fields = fields;
        this.mode = mode;
        this.env = env;
        this.onButton = onButton;
        this.state = state;
        this.state.pages = this.state.pages || [];
        this.items = [];
        this.widgets = [];
        this.notebooks = [];
    }

    render() {
        this.items = [];
        this.widgets = [];
        this.notebooks = [];
        const col = intAttr(this.arch, 'col', 4);
        const grid = this.grid(col, 'o_form_grid');
        this.renderChildren(this.arch, grid, col);
        this.element = el('div', { class: 'o_form_sheet' }, grid);
        this.refresh({ initial: true });
        return this.element;
    }

    grid(col, extra = '') {
        return el('div', { class: `o_grid ${extra}`.trim(), style: `--col: ${col}` });
    }

    place(element, span, col) {
        element.style.setProperty('--span', String(Math.max(1, Math.min(span, col))));
        element.classList.add('o_cell');
        return element;
    }

    renderChildren(parent, grid, col) {
        for (const node of childElements(parent)) {
            switch (node.tagName) {
            case 'field':
                this.renderField(node, grid, col);
                break;
            case 'notebook':
                this.renderNotebook(node, grid, col);
                break;
            case 'separator':
                this.renderSeparator(node, grid, col);
                break;
            case 'label':
                this.track(node, [grid.appendChild(this.place(el('label', { class: 'o_form_label o_form_label_standalone' },
                    node.getAttribute('string') || node.textContent || ''), intAttr(node, 'colspan', 1), col))]);
                break;
            case 'newline':
                grid.appendChild(el('div', { class: 'o_newline', 'aria-hidden': 'true' }));
                break;
            case 'button':
                this.renderButton(node, grid, col);
                break;
            case 'tree':
            case 'form':
            case 'search':
                break;
            default:
                this.renderGroup(node, grid, col);
            }
        }
    }

    /** Remember an element whose visibility depends on the modifiers of `node`. */
    track(node, elements, extra = {}) {
        const item = Object.assign({ node, elements }, extra);
        this.items.push(item);
        return item;
    }

    renderField(node, grid, col) {
        const name = node.getAttribute('name');
        const field = this.fields[name];
        if (!field) {
            return;
        }
        const nolabel = TRUE_VALUES.has(node.getAttribute('nolabel') || '');
        const colspan = Math.min(intAttr(node, 'colspan', nolabel ? 1 : 2), col);
        const Widget = fieldWidget(field, node);
        const widget = new Widget({ record: this.record, name, field, node, readonly: this.mode === 'readonly', env: this.env });
        this.widgets.push(widget);
        const elements = [];
        let label = null;
        if (!nolabel) {
            const text = node.getAttribute('string') || field.string || name;
            label = el('label', { class: 'o_form_label', for: widget.inputId, title: field.help || null }, text);
            elements.push(grid.appendChild(this.place(el('div', { class: 'o_label_cell' }, label), 1, col)));
        }
        const span = nolabel || colspan <= 1 ? colspan : colspan - 1;
        const cell = el('div', { class: `o_field_cell o_field_cell_${field.type}` }, widget.element);
        elements.push(grid.appendChild(this.place(cell, span, col)));
        this.track(node, elements, { field, widget, label });
    }

    renderGroup(node, grid, col) {
        const ownCol = intAttr(node, 'col', 4);
        const full = ['sheet', 'div', 'properties'].includes(node.tagName) ? col : 1;
        const colspan = intAttr(node, 'colspan', full);
        const inner = this.grid(ownCol);
        const title = node.getAttribute('string');
        const group = el('div', { class: `o_group o_group_${node.tagName}` + (title ? ' o_group_titled' : '') },
            title ? el('div', { class: 'o_group_title' }, title) : null, inner);
        grid.appendChild(this.place(group, colspan, col));
        this.renderChildren(node, inner, ownCol);
        this.track(node, [group]);
    }

    renderSeparator(node, grid, col) {
        const text = node.getAttribute('string');
        const separator = el('div', { class: 'o_horizontal_separator' }, text ? el('h3', {}, text) : el('hr'));
        grid.appendChild(this.place(separator, intAttr(node, 'colspan', col), col));
        this.track(node, [separator]);
    }

    renderButton(node, grid, col) {
        const type = node.getAttribute('type') || (node.getAttribute('special') ? 'special' : 'workflow');
        const button = el('button', {
            type: 'button', class: `o_button o_form_arch_button ${node.getAttribute('class') || ''}`.trim(),
            name: node.getAttribute('name') || node.getAttribute('special') || null,
            dataset: { type, special: node.getAttribute('special') || undefined },
            title: node.getAttribute('help') || null,
        }, node.getAttribute('string') || node.getAttribute('name') || '');
        button.addEventListener('click', async () => {
            if (button.disabled) {
                return;
            }
            button.disabled = true;
            try {
                await this.onButton(node);
            } finally {
                button.disabled = false;
            }
        });
        const cell = el('div', { class: 'o_button_cell' }, button);
        grid.appendChild(this.place(cell, intAttr(node, 'colspan', 1), col));
        this.track(node, [cell]);
    }

    renderNotebook(node, grid, col) {
        const index = this.notebooks.length;
        const tabs = el('div', { class: 'o_notebook_tabs', role: 'tablist' });
        const pagesBox = el('div', { class: 'o_notebook_pages' });
        const notebook = el('div', { class: 'o_notebook' }, tabs, pagesBox);
        grid.appendChild(this.place(notebook, intAttr(node, 'colspan', col), col));
        this.track(node, [notebook]);
        const pages = [];
        childElements(node).filter((page) => page.tagName === 'page').forEach((page, pageIndex) => {
            const pageCol = intAttr(page, 'col', 4);
            const inner = this.grid(pageCol);
            const pageElement = el('div', { class: 'o_notebook_page', role: 'tabpanel' }, inner);
            const tab = el('a', { href: '#', class: 'o_notebook_tab', role: 'tab' }, page.getAttribute('string') || _t('Page %s', pageIndex + 1));
            tab.addEventListener('click', (event) => {
                event.preventDefault();
                this.state.pages[index] = pageIndex;
                this.showPage(index);
            });
            tabs.appendChild(tab);
            pagesBox.appendChild(pageElement);
            this.renderChildren(page, inner, pageCol);
            pages.push({ tab, page: pageElement });
            this.track(page, [tab], { pageOf: index });
        });
        this.notebooks.push(pages);
    }

    showPage(index) {
        const pages = this.notebooks[index];
        let active = this.state.pages[index] || 0;
        if (!pages[active] || pages[active].tab.hidden) {
            active = pages.findIndex((p) => !p.tab.hidden);
        }
        pages.forEach((p, i) => {
            p.tab.classList.toggle('active', i === active);
            p.tab.setAttribute('aria-selected', String(i === active));
            p.page.hidden = i !== active;
        });
    }

    /** Re-evaluate every modifier: visibility, read-only and required states. */
    refresh({ initial = false } = {}) {
        for (const item of this.items) {
            const modifiers = nodeModifiers(item.node, this.record, item.field);
            item.modifiers = modifiers;
            for (const element of item.elements) {
                element.hidden = modifiers.invisible;
            }
            if (item.widget) {
                const readonly = this.mode === 'readonly' || modifiers.readonly;
                item.widget.setRequired(modifiers.required);
                if (initial) {
                    item.widget.readonly = readonly;
                    item.widget.render();
                } else {
                    item.widget.setReadonly(readonly);
                }
                if (item.label) {
                    item.label.classList.toggle('o_required', modifiers.required && !readonly);
                }
            }
        }
        this.notebooks.forEach((pages, index) => this.showPage(index));
    }

    /** The record changed `names` (from `origin`, a widget that is up to date already). */
    onRecordChange(names, origin) {
        const changed = new Set(names);
        for (const widget of this.widgets) {
            if (widget !== origin && changed.has(widget.name)) {
                widget.render();
                widget.setInvalid(false);
            }
            if (widget === origin) {
                widget.setInvalid(false);
            }
        }
        this.refresh();
    }

    /** Mark the visible required fields left empty; return their labels. */
    invalidFields() {
        const labels = [];
        for (const item of this.items) {
            if (!item.widget || !item.modifiers) {
                continue;
            }
            const { invisible, required, readonly } = item.modifiers;
            const invalid = required && !invisible && !readonly && item.widget.isEmpty();
            item.widget.setInvalid(invalid);
            if (invalid) {
                labels.push(item.node.getAttribute('string') || item.field.string || item.widget.name);
            }
        }
        return labels;
    }

    destroy() {
        for (const widget of this.widgets) {
            widget.destroy();
        }
    }
}
