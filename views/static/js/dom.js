/**
 * `el(tag, attributes, ...children)`: the one way screens build DOM nodes.
 * Text children are set as text (never parsed as HTML), so record values
 * cannot inject markup.
 */
import { _t } from './translate.js';

export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name === 'class') {
            node.className = value;
        } else if (name === 'dataset') {
            for (const [key, item] of Object.entries(value)) {
                if (item !== null && item !== undefined) {
                    node.dataset[key] = item;
                }
            }
        } else if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2).toLowerCase(), value);
        } else if (value === true) {
            node.setAttribute(name, '');
        } else {
            node.setAttribute(name, value);
        }
    }
    appendChildren(node, children);
    return node;
}

function appendChildren(node, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            appendChildren(node, child);
        } else if (child instanceof Node) {
            node.appendChild(child);
        } else {
            node.appendChild(document.createTextNode(String(child)));
        }
    }
}

/** Parse an arch string into its root XML element. */
export function parseArch(arch) {
    const doc = new DOMParser().parseFromString(arch, 'text/xml');
    const error = doc.querySelector('parsererror');
    if (error) {
        throw new Error(_t('The view cannot be read: its XML is malformed.'));
    }
    return doc.documentElement;
}

/** The element children of an XML node. */
export function childElements(node) {
    return Array.from(node.childNodes).filter((child) => child.nodeType === 1);
}
