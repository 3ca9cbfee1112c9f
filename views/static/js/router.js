/**
 * The screen's address in the URL hash, so that every screen can be
 * bookmarked and the browser's back and forward buttons work:
 * `#action=crm.crm_case_categ0_act_job&view_type=form&id=12&menu_id=5`.
 *
 * `navigate(state)` pushes a new history entry (or replaces the current
 * one); `onRoute(callback)` is told of the states the user reaches with
 * back/forward or a typed/bookmarked address, never of our own pushes.
 */
const KEYS = ['action', 'model', 'view_type', 'id', 'menu_id', 'active_id'];

let listener = null;
let current = parse(window.location.hash);

/** The state encoded in a hash string. */
export function parse(hash) {
    const params = new URLSearchParams((hash || '').replace(/^#/, ''));
    const state = {};
    for (const key of KEYS) {
        const value = params.get(key);
        if (value !== null && value !== '') {
            state[key] = ['id', 'menu_id', 'active_id'].includes(key) && /^\d+$/.test(value) ? parseInt(value, 10) : value;
        }
    }
    return state;
}

/** The hash string of a state (keys in a fixed order, empty values left out). */
export function format(state) {
    const params = new URLSearchParams();
    for (const key of KEYS) {
        if (state[key] !== undefined && state[key] !== null && state[key] !== false && state[key] !== '') {
            params.set(key, String(state[key]));
        }
    }
    return '#' + params.toString();
}

/** The state of the current address. */
export function currentState() {
    return Object.assign({}, current);
}

/** Show `state` in the address bar: a new history entry unless `replace`. */
export function navigate(state, { replace = false } = {}) {
    const hash = format(state);
    current = parse(hash);
    if (hash === window.location.hash) {
        return;
    }
    const url = window.location.pathname + window.location.search + hash;
    if (replace) {
        window.history.replaceState(null, '', url);
    } else {
        window.history.pushState(null, '', url);
    }
}

/** Call `callback(state)` when the user moves through history or types an address. */
export function onRoute(callback) {
    listener = callback;
}

function changed() {
    const state = parse(window.location.hash);
    if (format(state) === format(current)) {
        return;
    }
    current = state;
    if (listener) {
        listener(Object.assign({}, state));
    }
}

window.addEventListener('popstate', changed);
window.addEventListener('hashchange', changed);
