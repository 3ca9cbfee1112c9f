/**
 * The data of one record shown in a form (or in a row of a one2many):
 * its values as `read` returns them, the names the user changed, the
 * on-change round-trips and the save (`create` / `write`).
 *
 * Values are kept in the read shape: a many2one is `[id, name]` or false,
 * an x2many is an `X2ManyValue` (its rows are records themselves, which is
 * how one2many lines are edited before the parent is saved).
 */
import { call } from './rpc.js';
import { session } from './session.js';
import { evaluate, evalContext as pyEvalContext } from './py.js';
import { notifyError, notifyInfo } from './notify.js';
import { _t } from './translate.js';

const X2MANY = new Set(['one2many', 'many2many']);
const LOG_FIELDS = ['create_uid', 'create_date', 'write_uid', 'write_date'];

/** The rows of an x2many field: records of the comodel, plus the ids removed from it. */
export class X2ManyValue {
    constructor(field, ids, fields = {}) {
        this.field = field;
        this.relation = field.relation;
        this.fields = fields;          // fields_get of the comodel (what is known of it)
        this.records = (ids || []).map((id) => new Record({ model: this.relation, fields, resId: id }));
        this.removed = [];
        this.changed = false;
    }

    /** The ids of the rows that exist in the database. */
    ids() {
        return this.records.filter((r) => r.resId).map((r) => r.resId);
    }

    /** Read `names` for the saved rows that do not have them yet. */
    async load(names, context = {}) {
        const missing = new Set();
        const todo = this.records.filter((r) => {
            if (!r.resId) {
                return false;
            }
            const lacking = names.filter((n) => !r.loadedNames.has(n));
            lacking.forEach((n) => missing.add(n));
            return lacking.length > 0;
        });
        if (!todo.length) {
            return;
        }
        const rows = await call(this.relation, 'read', [todo.map((r) => r.resId), [...missing]], { context });
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const record of todo) {
            const row = byId.get(record.resId);
            if (row) {
                record.setFromRead(row, { keepChanges: true });
            }
        }
    }

    add(record, { top = false } = {}) {
        if (top) {
            this.records.unshift(record);
        } else {
            this.records.push(record);
        }
        this.changed = true;
    }

    remove(record) {
        this.records = this.records.filter((r) => r !== record);
        if (record.resId) {
            this.removed.push(record.resId);
        }
        this.changed = true;
    }

    /** Whether a row was added, removed or edited. */
    get isDirty() {
        return this.changed || this.records.some((r) => r.isDirty);
    }

    /** The x2many commands that bring the database to these rows. */
    commands() {
        if (this.field.type === 'many2many') {
            return [[6, 0, this.ids()]];
        }
        const commands = [];
        for (const record of this.records) {
            if (!record.resId) {
                commands.push([0, 0, record.writeValues({ all: true })]);
            } else if (record.isDirty) {
                commands.push([1, record.resId, record.writeValues()]);
            }
        }
        for (const id of this.removed) {
            commands.push([2, id]);
        }
        return commands;
    }
}

export class Record {
    /**
     * `fields`: fields_get of `model`; `fieldNames`: the fields the screen
     * shows (read and sent to on-changes); `parent`: the record holding this
     * one in an x2many (its values are `parent` in expressions).
     */
    constructor({ model, fields = {}, fieldNames = null, resId = null, context = {}, parent = null, models = {} }) {
        this.model = model;
        this.fields = fields;
        this.models = models;
        this.fieldNames = fieldNames || [];
        this.resId = resId || null;
        this.context = context;
        this.parent = parent;
        this.data = {};
        this.loadedNames = new Set();
        this.dirtyNames = new Set();
        this.domains = {};            // field name → domain set by an on-change
        this.listeners = new Set();
        this.virtual = false;         // a one2many line: saved with its parent
        this.readLog = false;         // also read who created and changed it, and when
    }

    get isNew() {
        return !this.resId;
    }

    get isDirty() {
        if (this.dirtyNames.size) {
            return true;
        }
        return Object.values(this.data).some((value) => value instanceof X2ManyValue && value.isDirty);
    }

    /** Call `listener(names, origin)` after values change; returns a function that stops it. */
    onChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    _emit(names, origin = null) {
        for (const listener of [...this.listeners]) {
            listener(names, origin);
        }
    }

    /** Read the record (or its defaults when new); forgets the changes. */
    async load() {
        this.dirtyNames.clear();
        this.domains = {};
        this.data = {};
        this.loadedNames.clear();
        if (this.resId) {
            const names = [...new Set([...this.fieldNames, 'display_name', ...(this.readLog ? LOG_FIELDS : [])])];
            const rows = await call(this.model, 'read', [[this.resId], names], { context: this.context });
            if (!rows.length) {
                throw new Error(_t('This record does not exist any more: it may have been deleted.'));
            }
            this.setFromRead(rows[0]);
        } else {
            await this.loadDefaults();
        }
        this._emit(Object.keys(this.data));
    }

    /** The defaults of a new record (`default_get` with the context's `default_*` keys). */
    async loadDefaults() {
        const names = this.fieldNames.filter((n) => n in this.fields && n !== 'id');
        const defaults = names.length ? await call(this.model, 'default_get', [names], { context: this.context }) : {};
        for (const name of names) {
            this.data[name] = this._emptyValue(name);
            this.loadedNames.add(name);
        }
        await this._applyValues(defaults, { markDirty: true });
    }

    _emptyValue(name) {
        const field = this.fields[name] || {};
        if (X2MANY.has(field.type)) {
            return new X2ManyValue(field, [], this.models[field.relation] || {});
        }
        return false;
    }

    /** Take the values of a `read` row. */
    setFromRead(row, { keepChanges = false } = {}) {
        for (const [name, value] of Object.entries(row)) {
            if (name === 'id') {
                continue;
            }
            if (keepChanges && this.dirtyNames.has(name)) {
                continue;
            }
            const field = this.fields[name] || {};
            if (X2MANY.has(field.type)) {
                this.data[name] = new X2ManyValue(field, Array.isArray(value) ? value : [],
                    this.models[field.relation] || {});
            } else {
                this.data[name] = value;
            }
            this.loadedNames.add(name);
        }
    }

    /** Read `names` not known yet (a line opened in a form with more fields than its list). */
    async ensureFields(names) {
        const missing = names.filter((n) => !this.loadedNames.has(n) && n in this.fields);
        if (!missing.length) {
            return;
        }
        if (this.resId) {
            const rows = await call(this.model, 'read', [[this.resId], missing], { context: this.context });
            if (rows.length) {
                this.setFromRead(rows[0], { keepChanges: true });
            }
        } else {
            for (const name of missing) {
                this.data[name] = this._emptyValue(name);
                this.loadedNames.add(name);
            }
        }
    }

    /**
     * Put write-shaped or read-shaped values (defaults, on-change results)
     * into the record: many2one ids get their display name with `name_get`.
     */
    async _applyValues(values, { markDirty = true } = {}) {
        const names = [];
        const pendingNames = [];
        for (const [name, raw] of Object.entries(values || {})) {
            const field = this.fields[name];
            if (!field || name === 'id') {
                continue;
            }
            let value = raw;
            if (field.type === 'many2one') {
                if (Array.isArray(value)) {
                    value = value.length ? [value[0], value[1] || ''] : false;
                } else if (value && typeof value === 'object' && 'id' in value) {
                    value = [value.id, value.display_name || ''];
                } else if (typeof value === 'number') {
                    pendingNames.push([name, field.relation, value]);
                    value = [value, ''];
                } else {
                    value = false;
                }
            } else if (X2MANY.has(field.type)) {
                value = this._x2manyFromCommands(field, value);
            } else if (value === null || value === undefined) {
                value = false;
            }
            this.data[name] = value;
            this.loadedNames.add(name);
            if (markDirty) {
                this.dirtyNames.add(name);
            }
            names.push(name);
        }
        await Promise.all(pendingNames.map(async ([name, relation, id]) => {
            try {
                const [[, label]] = await call(relation, 'name_get', [[id]], { context: this.context });
                if (Array.isArray(this.data[name]) && this.data[name][0] === id) {
                    this.data[name] = [id, label];
                }
            } catch (error) {
                // the name stays empty; the id is what is saved
            }
        }));
        return names;
    }

    _x2manyFromCommands(field, value) {
        const comodelFields = this.models[field.relation] || {};
        const result = new X2ManyValue(field, [], comodelFields);
        const previous = this.data[field.name] instanceof X2ManyValue ? this.data[field.name] : null;
        for (const item of value || []) {
            if (typeof item === 'number') {
                result.records.push(new Record({ model: field.relation, fields: comodelFields, resId: item }));
            } else if (Array.isArray(item) && item[0] === 6) {
                result.records = (item[2] || []).map((id) => new Record({ model: field.relation, fields: comodelFields, resId: id }));
            } else if (Array.isArray(item) && (item[0] === 4 || item[0] === 1) && item[1]) {
                const record = new Record({ model: field.relation, fields: comodelFields, resId: item[1] });
                if (item[0] === 1 && item[2]) {
                    record._applyValues(item[2]);
                }
                result.records.push(record);
            } else if (Array.isArray(item) && item[0] === 0) {
                const record = new Record({ model: field.relation, fields: comodelFields, parent: this });
                record.virtual = true;
                record._applyValues(item[2] || {});
                result.records.push(record);
            } else if (Array.isArray(item) && item[0] === 5) {
                result.records = [];
            }
        }
        if (previous) {
            result.removed = previous.ids().filter((id) => !result.ids().includes(id));
        }
        result.changed = true;
        return result;
    }

    /**
     * Change `name` to `value` (read shape). `origin` is the widget that
     * made the change (it is not redrawn). The on-change runs separately
     * (`commit`), when the user leaves the input.
     */
    update(name, value, { origin = null } = {}) {
        this.data[name] = value;
        this.loadedNames.add(name);
        this.dirtyNames.add(name);
        this._emit([name], origin);
    }

    /** Tell listeners an x2many's rows changed (the value object stays the same). */
    touch(name, origin = null) {
        this.dirtyNames.add(name);
        this._emit([name], origin);
    }

    /**
     * The values expressions see (attrs, domains, contexts, on_change
     * arguments): many2one as ids, x2many as id lists, plus `context`,
     * `uid`, `active_id`, `parent`.
     */
    evalScope() {
        const scope = {};
        for (const [name, value] of Object.entries(this.data)) {
            const field = this.fields[name] || {};
            if (field.type === 'many2one') {
                scope[name] = Array.isArray(value) ? value[0] : false;
            } else if (value instanceof X2ManyValue) {
                scope[name] = value.ids();
            } else {
                scope[name] = value;
            }
        }
        scope.id = this.resId || false;
        scope.active_id = this.resId || false;
        scope.uid = session.uid;
        scope.context = Object.assign({}, session.user_context || {}, this.context || {});
        scope.current_date = new Date().toISOString().slice(0, 10);
        if (this.parent) {
            scope.parent = this.parent.evalScope();
        }
        return scope;
    }

    /** The write-shaped value of one field. */
    _writeValue(name) {
        const value = this.data[name];
        const field = this.fields[name] || {};
        if (field.type === 'many2one') {
            return Array.isArray(value) ? value[0] : false;
        }
        if (value instanceof X2ManyValue) {
            return value.commands();
        }
        if (field.type === 'reference' && Array.isArray(value)) {
            return value[0] || false;
        }
        return value === undefined ? false : value;
    }

    /** The values to send to `create`/`write`: the changed ones, or `all` the known ones. */
    writeValues({ all = false } = {}) {
        const values = {};
        for (const name of Object.keys(this.data)) {
            const field = this.fields[name];
            if (!field || name === 'id' || name === 'display_name' || LOG_FIELDS.includes(name)) {
                continue;
            }
            const value = this.data[name];
            const changed = this.dirtyNames.has(name) || (value instanceof X2ManyValue && value.isDirty);
            if (!all && !changed) {
                continue;
            }
            if (all && !changed && this.isNew && field.readonly && !(value instanceof X2ManyValue)) {
                continue;
            }
            if (value instanceof X2ManyValue && !value.isDirty && all && !value.records.length) {
                continue;
            }
            values[name] = this._writeValue(name);
        }
        return values;
    }

    /** Every shown value in the write shape, with `id` (the modern `onchange` wants them all). */
    onchangeValues() {
        const values = { id: this.resId || false };
        for (const name of Object.keys(this.data)) {
            if (this.fields[name] && name !== 'id') {
                values[name] = this._writeValue(name);
            }
        }
        return values;
    }

    /**
     * Run the on-change of `name`: the 5.0 `on_change="method(args)"` of its
     * node, or the model's `onchange` when the field description says it
     * has one. Applies the values, domains and warning it answers.
     */
    async commit(name, node = null) {
        const spec = node && node.getAttribute && node.getAttribute('on_change');
        const field = this.fields[name] || {};
        let result = null;
        try {
            if (spec) {
                result = await this._callOldOnchange(spec);
            } else if (field.onchange) {
                result = await call(this.model, 'onchange', [this.onchangeValues(), name,
                    Object.fromEntries(Object.keys(this.data).map((n) => [n, '1']))], { context: this.context });
            }
        } catch (error) {
            notifyError(error);
            return;
        }
        if (result) {
            await this.applyOnchange(result);
        }
    }

    async _callOldOnchange(spec) {
        const match = /^\s*([\w.]+)\s*\(([\s\S]*)\)\s*$/.exec(spec);
        if (!match) {
            return null;
        }
        const scope = this.evalScope();
        const args = splitArguments(match[2]).map((text) => evaluate(text, scope));
        return call(this.model, match[1], [this.resId ? [this.resId] : [], ...args], { context: this.context });
    }

    /** Apply `{value, domain, warning}` of an on-change. */
    async applyOnchange(result) {
        const values = {};
        for (const [name, value] of Object.entries(result.value || {})) {
            if (name in this.fields) {
                values[name] = value;
            }
        }
        const names = await this._applyValues(values);
        for (const [name, domain] of Object.entries(result.domain || {})) {
            this.domains[name] = domain;
        }
        if (result.warning && (result.warning.message || result.warning.title)) {
            const { title, message } = result.warning;
            notifyInfo(title ? `${title}: ${message || ''}` : message);
        }
        if (names.length) {
            this._emit(names);
        }
    }

    /** Save: `create` (the record gets its id) or `write` of the changes; then read it again. */
    async save() {
        const values = this.writeValues({ all: this.isNew });
        const context = this.context;
        if (this.isNew) {
            const result = await call(this.model, 'create', [values], { context });
            this.resId = Array.isArray(result) ? result[0] : result;
        } else if (Object.keys(values).length) {
            await call(this.model, 'write', [[this.resId], values], { context });
        }
        await this.load();
        return this.resId;
    }

    /** Forget the changes of a saved line (read again) or of a new one (nothing kept). */
    async discard() {
        await this.load();
    }

    /** The name shown in breadcrumbs and dialogs. */
    displayName() {
        const value = this.data.display_name || this.data.name;
        return typeof value === 'string' ? value : '';
    }
}

/** Split `a, f(b, c), [d, e]` at its top-level commas. */
export function splitArguments(text) {
    const parts = [];
    let depth = 0;
    let quote = null;
    let current = '';
    for (let i = 0; i < text.length; i += 1) {
        const char = text[i];
        if (quote) {
            current += char;
            if (char === '\\') {
                current += text[i + 1] || '';
                i += 1;
            } else if (char === quote) {
                quote = null;
            }
            continue;
        }
        if (char === '"' || char === "'") {
            quote = char;
        } else if ('([{'.includes(char)) {
            depth += 1;
        } else if (')]}'.includes(char)) {
            depth -= 1;
        } else if (char === ',' && depth === 0) {
            parts.push(current.trim());
            current = '';
            continue;
        }
        current += char;
    }
    if (current.trim()) {
        parts.push(current.trim());
    }
    return parts;
}

/** The context of a node or field (`context="{...}"`) evaluated against the record. */
export function nodeContext(record, node, field) {
    const text = (node && node.getAttribute && node.getAttribute('context')) || (field && field.context) || {};
    try {
        return pyEvalContext(text, record.evalScope());
    } catch (error) {
        return {};
    }
}
