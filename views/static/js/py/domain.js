// Domains, contexts, `attrs`, `colors` and `states` of view archs (see ../py.js),
// evaluated for the server or checked against a record in the browser.

import { PyError, hasOwn, isDict } from './base.js';
import { typeName } from './dates.js';
import { compareOp, evaluate, fromPyValue, pyEq, pyRepr, pyStr, toPyValue, truthy } from './evaluator.js';

/** A domain (a string to evaluate, or an array left as it is) as a JSON array for the server. */
export function evalDomain(domain, context = {}) {
    if (domain === undefined || domain === null || domain === '' || domain === false) return [];
    const value = typeof domain === 'string' ? evaluate(domain, context) : domain;
    if (!Array.isArray(value)) throw new PyError('TypeError', `a domain must be a list, not ${typeName(value)}: ${pyRepr(value)}`);
    return fromPyValue(value);
}

/** A context (a string to evaluate, or an object) as a plain object for the server. */
export function evalContext(ctx, context = {}) {
    if (ctx === undefined || ctx === null || ctx === '' || ctx === false) return {};
    const value = typeof ctx === 'string' ? evaluate(ctx, context) : ctx;
    if (!isDict(value)) throw new PyError('TypeError', `a context must be a dict, not ${typeName(value)}: ${pyRepr(value)}`);
    return fromPyValue(value);
}

const isPair = (v) => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === 'string';

/** Record values as names for expressions: a many2one `[id, name]` becomes its id, as in Odoo. */
export function recordContext(record, extra = {}) {
    const out = {};
    for (const [k, v] of Object.entries(record ?? {})) out[k] = isPair(v) ? v[0] : toPyValue(v, false);
    return Object.assign(out, extra);
}

/** OpenERP 5.0 `colors="red:expr;blue:expr2"` → the first colour whose expression holds, or null. */
export function evalColors(colorsAttr, record, extra = {}) {
    if (!colorsAttr) return null;
    const scope = recordContext(record, extra);
    for (const part of colorsAttr.split(';')) {
        const at = part.indexOf(':');
        if (!part.trim()) continue;
        if (at < 0) throw new PyError('SyntaxError', `a colors entry must read "colour:expression", not "${part.trim()}"`);
        if (truthy(evaluate(part.slice(at + 1).trim(), scope))) return part.slice(0, at).trim();
    }
    return null;
}

/** OpenERP 5.0 `attrs="{'invisible': [domain], …}"` → `{invisible, readonly, required}` booleans for the record. */
export function evalAttrs(attrsText, record, extra = {}) {
    const result = {invisible: false, readonly: false, required: false};
    if (!attrsText) return result;
    const attrs = typeof attrsText === 'string' ? evaluate(attrsText, recordContext(record, extra)) : attrsText;
    if (!isDict(attrs)) throw new PyError('TypeError', `attrs must be a dict, not ${typeName(attrs)}: ${attrsText}`);
    for (const [key, value] of Object.entries(attrs)) {
        result[key] = Array.isArray(value) ? matchDomain(value, record) : truthy(value);
    }
    return result;
}

/** OpenERP 5.0 `states="draft,open"`: whether the element shows for the record's state. */
export function evalStates(statesAttr, record) {
    if (!statesAttr) return true;
    return statesAttr.split(',').map((s) => s.trim()).includes(record?.state);
}

// ------------------------------------------------------- client-side domains

const likeRegExp = (pattern, flags) => new RegExp(`^${String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*').replace(/_/g, '.')}$`, flags);

function leafValue(v) {
    if (isPair(v)) return v[0];
    return v === undefined || v === null ? false : v;
}

const isEmpty = (v) => v === false || v === null || (Array.isArray(v) && v.length === 0);

function matchLeaf(leaf, record) {
    if (!Array.isArray(leaf) || leaf.length !== 3) throw new PyError('ValueError', `a domain term must be (field, operator, value), not ${pyRepr(leaf)}`);
    const [field, rawOp, rawValue] = leaf;
    const op = String(rawOp).toLowerCase();
    let raw;
    if (typeof field === 'number' || typeof field === 'boolean') raw = field;  // (1, '=', 1) and (0, '=', 1)
    else if (record && hasOwn(record, field)) raw = record[field];
    else throw new PyError('KeyError', `the domain term ${pyRepr(leaf)} names field '${field}', which is not in the record`);
    const fv = leafValue(raw);
    const value = Array.isArray(rawValue) && !isPair(rawValue) ? rawValue.map(leafValue) : leafValue(rawValue);
    const textOf = (v) => (isPair(v) ? v[1] : v === false || v === null || v === undefined ? '' : pyStr(v));
    switch (op) {
    case '=':
    case '==':
    case '!=':
    case '<>': {
        let equal;
        if (value === false) equal = isEmpty(fv);
        else if (Array.isArray(fv) && !Array.isArray(value)) equal = fv.some((x) => pyEq(leafValue(x), value));
        else equal = pyEq(fv, value);
        return op === '=' || op === '==' ? equal : !equal;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
        if (isEmpty(fv) || value === false || value === null) return false;
        try {
            return compareOp(op, fv, value);
        } catch (error) {
            if (error instanceof PyError && error.name === 'TypeError') return false;
            throw error;
        }
    }
    case 'in':
    case 'not in': {
        const values = Array.isArray(value) ? value : [value];
        let found;
        if (Array.isArray(fv)) found = fv.length ? fv.some((x) => values.some((y) => pyEq(leafValue(x), y))) : values.includes(false);
        else found = fv === false ? values.some((y) => y === false || y === null) : values.some((y) => pyEq(fv, y));
        return op === 'in' ? found : !found;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
        const text = textOf(raw);
        const insensitive = op.includes('ilike');
        let found;
        if (op.startsWith('=')) found = likeRegExp(rawValue, insensitive ? 'is' : 's').test(text);
        else if (raw === false || raw === null || raw === undefined) found = false;
        else found = insensitive ? text.toLowerCase().includes(pyStr(rawValue).toLowerCase()) : text.includes(pyStr(rawValue));
        return op.startsWith('not') ? !found : found;
    }
    default:
        throw new PyError('ValueError', `the domain operator '${rawOp}' cannot be checked in the browser (term ${pyRepr(leaf)})`);
    }
}

/** Whether `record` (field name → value) satisfies `domain` (prefix '&', '|', '!'; a string is evaluated first). */
export function matchDomain(domain, record, extra = {}) {
    const terms = typeof domain === 'string' ? evaluate(domain, recordContext(record, extra)) : domain ?? [];
    if (!Array.isArray(terms)) throw new PyError('TypeError', `a domain must be a list, not ${typeName(terms)}`);
    let i = 0;
    const one = () => {
        if (i >= terms.length) throw new PyError('ValueError', `the domain ${pyRepr(terms)} is missing operands for its operators`);
        const term = terms[i++];
        if (term === '&') { const a = one(); const b = one(); return a && b; }
        if (term === '|') { const a = one(); const b = one(); return a || b; }
        if (term === '!') return !one();
        return matchLeaf(term, record);
    };
    let result = true;
    while (i < terms.length) result = one() && result;
    return result;
}
