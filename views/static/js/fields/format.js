/**
 * Values as people read them, for lists, groups and read-only forms:
 * `formatValue(value, field)` where `field` is a `fields_get` description.
 */
import { userLocale, userTimezone } from '../session.js';
import { formatDate, formatDatetime as formatUserDatetime } from '../dates.js';
import { _t } from '../translate.js';

/** 'YYYY-MM-DD HH:MM:SS' (UTC) shown in the user's time zone and language, as the form shows it. */
export function formatDatetime(value, tz = userTimezone()) {
    if (!value) {
        return '';
    }
    try {
        return formatUserDatetime(value, tz, userLocale());
    } catch (error) {
        return value;
    }
}

/** A float with `digits` decimals (default 2), grouped by thousands in the user's language. */
export function formatFloat(value, digits = 2) {
    if (value === false || value === null || value === undefined || value === '') {
        return '';
    }
    return new Intl.NumberFormat(userLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** The label of a selection value. */
export function selectionLabel(value, field) {
    const pair = (field.selection || []).find(([key]) => key === value);
    return pair ? pair[1] : (value || '');
}

/** The text shown for `value` of a field described by `field`. */
export function formatValue(value, field) {
    const type = field ? field.type : 'char';
    if (type === 'boolean') {
        return value ? '✓' : '';
    }
    if (value === false || value === null || value === undefined) {
        return type === 'integer' || type === 'float' || type === 'monetary' ? formatZero(type, field) : '';
    }
    switch (type) {
    case 'many2one':
        return Array.isArray(value) ? (value[1] || '') : String(value);
    case 'one2many':
    case 'many2many':
        return Array.isArray(value) ? (value.length === 1 ? _t('1 record') : _t('%s records', value.length)) : '';
    case 'selection':
        return selectionLabel(value, field);
    case 'float':
    case 'monetary':
        return formatFloat(value, field.digits && field.digits[1] !== undefined ? field.digits[1] : 2);
    case 'integer':
        return String(value);
    case 'datetime':
        return formatDatetime(value);
    case 'date':
        return formatDate(value, userLocale());
    case 'reference':
        return Array.isArray(value) ? value[1] : String(value);
    case 'binary':
        return value ? _t('file') : '';
    case 'html':
        return new DOMParser().parseFromString(String(value), 'text/html').body.textContent || '';
    default:
        return String(value);
    }
}

function formatZero(type, field) {
    if (type === 'integer') {
        return '0';
    }
    return formatFloat(0, field.digits && field.digits[1] !== undefined ? field.digits[1] : 2);
}


// the emphasis a list cell keeps of an html value (search excerpts mark their hits with <mark>)
const KEPT_TAGS = new Set(['B', 'I', 'EM', 'STRONG', 'MARK', 'BR']);

/**
 * An html value as a fragment to put in a list cell: `b, i, em, strong,
 * mark, br` are kept (without attributes); every other element gives only
 * what it holds (its text, and the kept elements inside it), so neither
 * markup, scripts, links, styles nor images get through.
 * The value is parsed by an inert document: nothing in it runs or loads.
 */
export function formatHtml(value) {
    const fragment = document.createDocumentFragment();
    if (value === false || value === null || value === undefined || value === '') {
        return fragment;
    }
    const parsed = new DOMParser().parseFromString(String(value), 'text/html');
    const copy = (source, target) => {
        for (const node of source.childNodes) {
            if (node.nodeType === Node.TEXT_NODE) {
                target.appendChild(document.createTextNode(node.nodeValue));
            } else if (node.nodeType === Node.ELEMENT_NODE) {
                if (KEPT_TAGS.has(node.tagName)) {
                    copy(node, target.appendChild(document.createElement(node.tagName.toLowerCase())));
                } else {
                    copy(node, target);
                }
            }
        }
    };
    copy(parsed.head, fragment);
    copy(parsed.body, fragment);
    return fragment;
}
