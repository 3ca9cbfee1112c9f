/**
 * Multi-line text (`textarea`) and HTML (a contenteditable block whose
 * content, shown or edited, only keeps a few harmless tags).
 */
import { el } from '../dom.js';
import { FieldWidget } from './char.js';

export class TextField extends FieldWidget {
    renderEdit() {
        const input = el('textarea', { id: this.inputId, class: 'o_input', name: this.name, rows: 4 });
        input.value = this.value || '';
        input.addEventListener('input', () => this.setValue(input.value, { commit: false }));
        input.addEventListener('change', () => this.setValue(input.value || false));
        this.element.appendChild(input);
    }

    renderReadonly() {
        this.element.appendChild(el('span', { class: 'o_field_value o_text_value' }, this.value || ''));
    }
}

const SAFE_TAGS = new Set(['b', 'i', 'u', 'p', 'br', 'ul', 'ol', 'li', 'a', 'strong', 'em',
    'h1', 'h2', 'h3', 'h4', 'blockquote', 'pre', 'code']);
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'title', 'head']);

/** Copy `source`'s children into `target` through `el()`, keeping only the safe tags (others give their text). */
function copySafe(source, target) {
    for (const child of source.childNodes) {
        if (child.nodeType === 3) {
            target.appendChild(document.createTextNode(child.nodeValue));
        } else if (child.nodeType === 1) {
            const tag = child.tagName.toLowerCase();
            if (DROPPED_WITH_CONTENT.has(tag)) {
                continue;
            }
            if (SAFE_TAGS.has(tag)) {
                const attributes = {};
                if (tag === 'a') {
                    const href = (child.getAttribute('href') || '').trim();
                    if (/^(https?:|mailto:)/i.test(href)) {
                        attributes.href = href;
                        attributes.rel = 'noopener noreferrer';
                        attributes.target = '_blank';
                    }
                }
                const copy = el(tag, attributes);
                copySafe(child, copy);
                target.appendChild(copy);
            } else {
                copySafe(child, target);
            }
        }
    }
    return target;
}

/** `html` (a string) as a fragment of safe nodes. */
export function sanitizeHtml(html) {
    const doc = new DOMParser().parseFromString(String(html || ''), 'text/html');
    return copySafe(doc.body, document.createDocumentFragment());
}

/** The markup of safe nodes (what is stored), from an edited block. */
function serialize(node) {
    const clean = copySafe(node, el('div'));
    return clean.innerHTML;
}

export class HtmlField extends FieldWidget {
    get widgetType() {
        return 'html';
    }

    renderEdit() {
        const editor = el('div', { class: 'o_input o_html_editor', contenteditable: 'true', id: this.inputId,
            role: 'textbox', 'aria-multiline': 'true' });
        editor.appendChild(sanitizeHtml(this.value));
        editor.addEventListener('input', () => this.setValue(serialize(editor), { commit: false }));
        editor.addEventListener('blur', () => this.commit());
        this.element.appendChild(editor);
    }

    renderReadonly() {
        this.element.appendChild(el('div', { class: 'o_field_value o_html_value' }, sanitizeHtml(this.value)));
    }

    isEmpty() {
        return !this.value || !new DOMParser().parseFromString(String(this.value), 'text/html').body.textContent.trim();
    }
}
