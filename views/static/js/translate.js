/**
 * The client's own words in the user's language: `_t(text, ...args)`.
 *
 * The catalog `{source: translation}` comes with the shell page
 * (`session_info.translations`, read from `i18n/<lang>.po`); a word it does
 * not know stays in English. `%s` placeholders take `args` in order, after
 * translation, so a sentence can move its words around. Always call `_t`
 * with a string literal: `python -m framework.web.translations` finds the
 * terms by reading the sources.
 */
import { session } from './session.js';

const catalog = session.translations || {};

/** `text` translated, with each `%s` replaced by the next of `args`. */
export function _t(text, ...args) {
    const translated = Object.prototype.hasOwnProperty.call(catalog, text) && catalog[text] ? catalog[text] : text;
    if (!args.length) {
        return translated;
    }
    let index = 0;
    return translated.replace(/%s/g, () => {
        const value = index < args.length ? args[index] : '';
        index += 1;
        return String(value);
    });
}
