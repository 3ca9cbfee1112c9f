/**
 * The search view: the search arch's fields, filters and group-bys, drawn
 * as a box of removable facets with an autocomplete.
 *
 * Typing proposes "Search <field> for: <text>" for each field of the arch;
 * values of one field are OR-ed, facets are AND-ed, filters of one group
 * (between separators) are OR-ed. Group-bys come from filters whose
 * context has `group_by` and from any stored field picked in "Add a custom
 * group". `state()` gives `{domain, context, groupBy}` to the views.
 */
import { el, childElements } from '../dom.js';
import { evalContext, evalDomain } from '../py.js';
import { session } from '../session.js';
import { _t } from '../translate.js';

const GROUPABLE = ['many2one', 'selection', 'date', 'datetime', 'char', 'boolean', 'integer'];

export class SearchView {
    constructor(viewManager, definition) {
        this.viewManager = viewManager;
        this.fields = viewManager.fields || {};
        this.arch = definition ? definition.arch : null;
        this.searchFields = [];       // [{name, string, field, node}]
        this.filterGroups = [];       // [[{name, string, domain, context, groupBy}]]
        this.facets = [];             // [{kind: 'field'|'filter'|'groupBy', key, label, values: [{label, domain|filter|field}]}]
        this.parseArch();
        this.applyDefaults(viewManager.context || {});
    }

    parseArch() {
        if (!this.arch) {
            return;
        }
        let group = [];
        const flush = () => {
            if (group.length) {
                this.filterGroups.push(group);
            }
            group = [];
        };
        const visit = (node) => {
            for (const child of childElements(node)) {
                if (child.getAttribute('invisible') === '1') {
                    continue;
                }
                if (child.tagName === 'field') {
                    const name = child.getAttribute('name');
                    const field = this.fields[name];
                    if (field) {
                        this.searchFields.push({ name, string: child.getAttribute('string') || field.string || name, field, node: child });
                    }
                    visit(child);      // 5.0 puts filters inside fields
                } else if (child.tagName === 'filter') {
                    const filter = this.parseFilter(child);
                    if (filter) {
                        group.push(filter);
                    }
                } else if (child.tagName === 'separator') {
                    flush();
                } else if (child.tagName === 'group' || child.tagName === 'newline') {
                    flush();
                    visit(child);
                    flush();
                }
            }
        };
        visit(this.arch);
        flush();
    }

    parseFilter(node) {
        const string = node.getAttribute('string') || node.getAttribute('help') || node.getAttribute('name') || '';
        const contextText = node.getAttribute('context');
        let context = {};
        if (contextText) {
            try {
                context = evalContext(contextText, this.scope());
            } catch (error) {
                context = {};
            }
        }
        let groupBy = context.group_by || null;
        if (groupBy && !Array.isArray(groupBy)) {
            groupBy = String(groupBy).split(',');
        }
        return {
            name: node.getAttribute('name') || string, string, domainText: node.getAttribute('domain') || '[]',
            context, groupBy,
        };
    }

    scope() {
        return Object.assign({ uid: session.uid }, session.user_context, this.viewManager.context || {});
    }

    /** `search_default_<name>` keys of the action context switch filters and fields on. */
    applyDefaults(context) {
        for (const [key, value] of Object.entries(context)) {
            if (!key.startsWith('search_default_') || !value) {
                continue;
            }
            const name = key.slice('search_default_'.length);
            const filter = this.allFilters().find((f) => f.name === name);
            if (filter) {
                this.toggleFilter(filter, { silent: true });
                continue;
            }
            const field = this.searchFields.find((f) => f.name === name);
            if (field) {
                const label = field.field.type === 'many2one' ? String(value) : String(value);
                this.addFieldValue(field, { label, raw: value, exact: field.field.type === 'many2one' && typeof value === 'number' }, { silent: true });
            }
        }
    }

    allFilters() {
        return this.filterGroups.flat();
    }

    mount(element) {
        this.input = el('input', {
            type: 'text', class: 'o_searchview_input', placeholder: _t('Search…'), 'aria-label': _t('Search'), autocomplete: 'off',
        });
        this.facetBox = el('div', { class: 'o_searchview_facets' });
        this.autocomplete = el('ul', { class: 'o_searchview_autocomplete', role: 'listbox', hidden: true });
        this.filterMenu = el('div', { class: 'o_filter_menu o_dropdown_menu', hidden: true });
        this.groupByMenu = el('div', { class: 'o_groupby_menu o_dropdown_menu', hidden: true });
        const filtersToggle = el('button', { type: 'button', class: 'o_filters_toggle o_button' }, _t('Filters'));
        const groupByToggle = el('button', { type: 'button', class: 'o_groupby_toggle o_button' }, _t('Group By'));
        filtersToggle.addEventListener('click', () => this.toggleMenu(this.filterMenu));
        groupByToggle.addEventListener('click', () => this.toggleMenu(this.groupByMenu));
        this.input.addEventListener('input', () => this.renderAutocomplete());
        this.input.addEventListener('keydown', (event) => this.onKeydown(event));
        this.input.addEventListener('blur', () => setTimeout(() => { this.autocomplete.hidden = true; }, 200));
        element.append(
            el('div', { class: 'o_searchview' }, this.facetBox, this.input, this.autocomplete),
            el('div', { class: 'o_search_options' },
                el('div', { class: 'o_dropdown' }, filtersToggle, this.filterMenu),
                el('div', { class: 'o_dropdown' }, groupByToggle, this.groupByMenu)));
        this.onDocumentClick = (event) => {
            if (!element.contains(event.target)) {
                this.filterMenu.hidden = true;
                this.groupByMenu.hidden = true;
            }
        };
        document.addEventListener('click', this.onDocumentClick);
        this.renderFacets();
        this.renderMenus();
    }

    destroy() {
        document.removeEventListener('click', this.onDocumentClick);
    }

    toggleMenu(menu) {
        const show = menu.hidden;
        this.filterMenu.hidden = true;
        this.groupByMenu.hidden = true;
        menu.hidden = !show;
    }

    // --- autocomplete ------------------------------------------------------

    renderAutocomplete() {
        const text = this.input.value.trim();
        this.autocomplete.replaceChildren();
        this.selected = 0;
        if (!text) {
            this.autocomplete.hidden = true;
            return;
        }
        const fields = this.searchFields.length ? this.searchFields
            : [{ name: 'name', string: _t('Name'), field: this.fields.name || { type: 'char', string: _t('Name') } }];
        this.proposals = fields.map((searchField) => ({ searchField, text }));
        this.proposals.forEach((proposal, index) => {
            const item = el('li', { role: 'option', class: index === 0 ? 'o_selected' : '' },
                `${_t('Search')} `, el('b', {}, proposal.searchField.string), ` ${_t('for:')} `, el('em', {}, text));
            item.addEventListener('mousedown', (event) => { event.preventDefault(); this.choose(index); });
            this.autocomplete.appendChild(item);
        });
        this.autocomplete.hidden = false;
    }

    onKeydown(event) {
        const items = this.autocomplete.querySelectorAll('li');
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            if (!items.length) {
                return;
            }
            event.preventDefault();
            this.selected = (this.selected + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
            items.forEach((item, index) => item.classList.toggle('o_selected', index === this.selected));
        } else if (event.key === 'Enter') {
            event.preventDefault();
            if (items.length) {
                this.choose(this.selected || 0);
            }
        } else if (event.key === 'Backspace' && !this.input.value && this.facets.length) {
            this.facets.pop();
            this.changed();
        } else if (event.key === 'Escape') {
            this.autocomplete.hidden = true;
        }
    }

    choose(index) {
        const proposal = this.proposals[index];
        if (!proposal) {
            return;
        }
        this.input.value = '';
        this.autocomplete.hidden = true;
        this.addFieldValue(proposal.searchField, { label: proposal.text, raw: proposal.text });
    }

    // --- facets --------------------------------------------------------------

    addFieldValue(searchField, value, { silent = false } = {}) {
        let facet = this.facets.find((f) => f.kind === 'field' && f.key === searchField.name);
        if (!facet) {
            facet = { kind: 'field', key: searchField.name, label: searchField.string, values: [], searchField };
            this.facets.push(facet);
        }
        facet.values.push(value);
        if (!silent) {
            this.changed();
        }
    }

    toggleFilter(filter, { silent = false } = {}) {
        const kind = filter.groupBy ? 'groupBy' : 'filter';
        let facet = this.facets.find((f) => f.kind === kind && (kind === 'groupBy' || f.group === this.groupIndex(filter)));
        if (facet && facet.values.some((v) => v.filter === filter)) {
            facet.values = facet.values.filter((v) => v.filter !== filter);
            if (!facet.values.length) {
                this.facets = this.facets.filter((f) => f !== facet);
            }
        } else {
            if (!facet) {
                facet = { kind, key: kind === 'groupBy' ? 'groupBy' : `filter${this.groupIndex(filter)}`,
                    label: kind === 'groupBy' ? _t('Group By') : _t('Filter'), values: [], group: this.groupIndex(filter) };
                this.facets.push(facet);
            }
            facet.values.push({ label: filter.string, filter });
        }
        if (!silent) {
            this.changed();
        }
    }

    addCustomGroupBy(name) {
        const field = this.fields[name];
        if (!field) {
            return;
        }
        let facet = this.facets.find((f) => f.kind === 'groupBy');
        if (!facet) {
            facet = { kind: 'groupBy', key: 'groupBy', label: _t('Group By'), values: [] };
            this.facets.push(facet);
        }
        if (!facet.values.some((v) => v.field === name)) {
            facet.values.push({ label: field.string || name, field: name });
        }
        this.changed();
    }

    groupIndex(filter) {
        return this.filterGroups.findIndex((group) => group.includes(filter));
    }

    changed() {
        this.renderFacets();
        this.renderMenus();
        this.viewManager.searchChanged();
    }

    renderFacets() {
        if (!this.facetBox) {
            return;
        }
        this.facetBox.replaceChildren();
        for (const facet of this.facets) {
            const remove = el('button', { type: 'button', class: 'o_facet_remove', 'aria-label': _t('Remove %s', facet.label) }, '×');
            remove.addEventListener('click', () => {
                this.facets = this.facets.filter((f) => f !== facet);
                this.changed();
            });
            const separator = facet.kind === 'groupBy' ? ' > ' : ' or ';
            this.facetBox.appendChild(el('div', { class: `o_searchview_facet o_facet_${facet.kind}`, dataset: { key: facet.key } },
                el('span', { class: 'o_facet_label' }, facet.label),
                el('span', { class: 'o_facet_values' }, facet.values.map((v) => v.label).join(separator)),
                remove));
        }
    }

    renderMenus() {
        if (!this.filterMenu) {
            return;
        }
        this.filterMenu.replaceChildren();
        this.groupByMenu.replaceChildren();
        const active = new Set(this.facets.flatMap((f) => f.values.map((v) => v.filter)).filter(Boolean));
        const activeFields = new Set(this.facets.filter((f) => f.kind === 'groupBy').flatMap((f) => f.values.map((v) => v.field)).filter(Boolean));
        this.filterGroups.forEach((group, index) => {
            if (index > 0) {
                this.filterMenu.appendChild(el('hr'));
            }
            for (const filter of group.filter((f) => !f.groupBy)) {
                const link = el('a', { href: '#', class: active.has(filter) ? 'o_active' : '', dataset: { filter: filter.name } }, filter.string);
                link.addEventListener('click', (event) => { event.preventDefault(); this.toggleFilter(filter); });
                this.filterMenu.appendChild(link);
            }
        });
        if ('active' in this.fields) {
            const archived = this.facets.some((f) => f.key === 'archived');
            const link = el('a', { href: '#', class: archived ? 'o_active' : '', dataset: { filter: 'archived' } }, _t('Archived'));
            link.addEventListener('click', (event) => {
                event.preventDefault();
                if (archived) {
                    this.facets = this.facets.filter((f) => f.key !== 'archived');
                } else {
                    this.facets.push({ kind: 'filter', key: 'archived', label: _t('Filter'), values: [{ label: _t('Archived'), domain: [['active', '=', false]] }] });
                }
                this.changed();
            });
            this.filterMenu.append(el('hr'), link);
        }
        if (!this.filterMenu.children.length) {
            this.filterMenu.appendChild(el('span', { class: 'o_menu_empty' }, _t('No filter is defined for this list.')));
        }
        for (const filter of this.allFilters().filter((f) => f.groupBy)) {
            const link = el('a', { href: '#', class: active.has(filter) ? 'o_active' : '', dataset: { groupby: filter.groupBy.join(',') } }, filter.string);
            link.addEventListener('click', (event) => { event.preventDefault(); this.toggleFilter(filter); });
            this.groupByMenu.appendChild(link);
        }
        const groupable = Object.entries(this.fields)
            .filter(([, field]) => GROUPABLE.includes(field.type) && field.store !== false && field.groupable !== false)
            .sort((a, b) => (a[1].string || a[0]).localeCompare(b[1].string || b[0]));
        const select = el('select', { class: 'o_add_custom_group', 'aria-label': _t('Add a custom group') },
            el('option', { value: '' }, _t('Add a custom group…')));
        for (const [name, field] of groupable) {
            select.appendChild(el('option', { value: name, disabled: activeFields.has(name) }, field.string || name));
        }
        select.addEventListener('change', () => { if (select.value) { this.addCustomGroupBy(select.value); } });
        // the fields of the list are offered first, as links
        const listFields = this.viewManager.views.list ? Array.from(this.viewManager.views.list.arch.querySelectorAll(':scope > field'))
            .map((node) => node.getAttribute('name')).filter((name) => groupable.some(([n]) => n === name)) : [];
        for (const name of listFields) {
            if (this.allFilters().some((f) => f.groupBy && f.groupBy[0] === name)) {
                continue;
            }
            const link = el('a', { href: '#', class: activeFields.has(name) ? 'o_active' : '', dataset: { groupby: name } }, this.fields[name].string || name);
            link.addEventListener('click', (event) => {
                event.preventDefault();
                if (activeFields.has(name)) {
                    const facet = this.facets.find((f) => f.kind === 'groupBy');
                    facet.values = facet.values.filter((v) => v.field !== name);
                    if (!facet.values.length) {
                        this.facets = this.facets.filter((f) => f !== facet);
                    }
                    this.changed();
                } else {
                    this.addCustomGroupBy(name);
                }
            });
            this.groupByMenu.appendChild(link);
        }
        this.groupByMenu.append(el('hr'), select);
    }

    // --- the search ---------------------------------------------------------

    fieldDomain(searchField, value) {
        const { name, field, node } = searchField;
        const scope = Object.assign(this.scope(), { self: value.raw, raw_value: value.raw });
        const filterDomain = node && node.getAttribute('filter_domain');
        if (filterDomain) {
            return evalDomain(filterDomain, scope);
        }
        const operator = node && node.getAttribute('operator');
        if (value.exact) {
            return [[name, '=', value.raw]];
        }
        switch (field.type) {
        case 'integer':
        case 'float':
        case 'monetary': {
            const number = Number(String(value.raw).replace(',', '.'));
            return Number.isNaN(number) ? [['id', '=', 0]] : [[name, operator || '=', number]];
        }
        case 'selection': {
            const text = String(value.raw).toLowerCase();
            const keys = (field.selection || []).filter(([key, label]) => String(label).toLowerCase().includes(text) || String(key).toLowerCase() === text).map(([key]) => key);
            return [[name, 'in', keys]];
        }
        case 'boolean':
            return [[name, '=', !/^(0|no|false|non|nein)$/i.test(String(value.raw))]];
        case 'date':
        case 'datetime':
            return [[name, operator || '=', String(value.raw)]];
        default:
            return [[name, operator || 'ilike', value.raw]];
        }
    }

    /** The `context="{'key': self}"` of a search field's node, with `self` the searched value. */
    fieldContext(searchField, value) {
        const text = searchField.node && searchField.node.getAttribute('context');
        if (!text) {
            return {};
        }
        try {
            return evalContext(text, Object.assign(this.scope(), { self: value.raw, raw_value: value.raw }));
        } catch (error) {
            return {};
        }
    }

    /** `{domain, context, groupBy}` of the current facets. */
    state() {
        const parts = [];
        const context = {};
        const groupBy = [];
        const scope = this.scope();
        for (const facet of this.facets) {
            const domains = [];
            for (const value of facet.values) {
                if (facet.kind === 'groupBy') {
                    groupBy.push(...(value.filter ? value.filter.groupBy : [value.field]));
                } else if (value.filter) {
                    domains.push(evalDomain(value.filter.domainText, scope));
                    Object.assign(context, value.filter.context);
                } else if (value.domain) {
                    domains.push(value.domain);
                } else if (facet.searchField) {
                    domains.push(this.fieldDomain(facet.searchField, value));
                    Object.assign(context, this.fieldContext(facet.searchField, value));
                }
            }
            const nonEmpty = domains.filter((d) => d.length);
            if (nonEmpty.length) {
                parts.push(orDomains(nonEmpty));
            }
        }
        delete context.group_by;
        return { domain: andDomains(parts), context, groupBy };
    }
}

function normalize(domain) {
    // a list of leaves with implicit ANDs → one prefix expression
    const result = [];
    let expected = 1;
    for (const item of domain) {
        if (expected === 0) {
            result.unshift('&');
            expected = 1;
        }
        if (item === '&' || item === '|') {
            expected += 1;
        } else if (item !== '!') {
            expected -= 1;
        }
        result.push(item);
    }
    return result;
}

function andDomains(domains) {
    const nonEmpty = domains.filter((d) => d.length);
    if (!nonEmpty.length) {
        return [];
    }
    return [...Array(nonEmpty.length - 1).fill('&'), ...nonEmpty.flatMap(normalize)];
}

function orDomains(domains) {
    if (domains.length === 1) {
        return domains[0];
    }
    return [...Array(domains.length - 1).fill('|'), ...domains.flatMap(normalize)];
}

export { andDomains, orDomains };
