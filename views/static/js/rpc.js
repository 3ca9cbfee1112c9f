/**
 * JSON-RPC to the server: `rpc(url, params)` and `call(model, method, args, kwargs)`.
 *
 * Every call carries the session's CSRF token; a JSON-RPC error becomes an
 * `RpcError` whose `message` is the one sentence the server wrote for people
 * (never the traceback in `data.debug`). `document.body.dataset.pendingRpc`
 * counts the calls in flight, so tests can wait for the screen to settle.
 */
import { session, userContext } from './session.js';
import { _t } from './translate.js';

export class RpcError extends Error {
    constructor(message, name, code) {
        super(message);
        this.name = 'RpcError';
        this.exceptionName = name || '';
        this.code = code;
    }
    /** The session is gone: the user must log in again. */
    get sessionExpired() {
        return /SessionExpired/.test(this.exceptionName) || this.code === 100;
    }
}

let nextId = 1;

function pending(delta) {
    const body = document.body;
    if (body) {
        body.dataset.pendingRpc = String((parseInt(body.dataset.pendingRpc || '0', 10) || 0) + delta);
    }
}

/** Count `promise` as work in flight (module loading, say) until it settles. */
export async function track(promise) {
    pending(+1);
    try {
        return await promise;
    } finally {
        pending(-1);
    }
}

/** POST `params` as a JSON-RPC call to `url`; resolve with its result. */
export async function rpc(url, params = {}) {
    pending(+1);
    try {
        let response;
        try {
            response = await fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token || '' },
                body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: nextId++ }),
            });
        } catch (error) {
            throw new RpcError(_t('The server cannot be reached: check your connection and try again.'), 'ConnectionError');
        }
        if (response.status === 403) {
            throw new RpcError(_t('The server refused the request: reload the page and try again.'), 'Forbidden', 403);
        }
        let payload;
        try {
            payload = await response.json();
        } catch (error) {
            throw new RpcError(_t('The server answered with an error (HTTP %s): try again.', response.status), 'HttpError');
        }
        if (payload.error) {
            const data = payload.error.data || {};
            const error = new RpcError(data.message || payload.error.message || _t('The server reported an error.'),
                data.name, payload.error.code);
            if (error.sessionExpired) {
                window.location.href = '/web/login?redirect=' + encodeURIComponent(window.location.pathname + window.location.hash);
            }
            throw error;
        }
        return payload.result;
    } finally {
        pending(-1);
    }
}

/** Call `model.method(*args, **kwargs)` as the session's user, with the user context. */
export function call(model, method, args = [], kwargs = {}) {
    const context = Object.assign({}, userContext(), kwargs.context || {});
    return rpc(`/web/dataset/call_kw/${model}/${method}`, {
        model, method, args, kwargs: Object.assign({}, kwargs, { context }),
    });
}

/** POST a multipart form (uploads, imports) with the CSRF token; resolve with the JSON answer. */
export async function postForm(url, formData) {
    formData.set('csrf_token', session.csrf_token || '');
    pending(+1);
    try {
        const response = await fetch(url, { method: 'POST', body: formData, credentials: 'same-origin' });
        let payload = null;
        try {
            payload = await response.json();
        } catch (error) {
            payload = null;
        }
        if (!response.ok || (payload && payload.error)) {
            const message = (payload && (payload.error && (payload.error.message || payload.error))) ||
                _t('The server refused the request (HTTP %s).', response.status);
            throw new RpcError(typeof message === 'string' ? message : JSON.stringify(message), 'HttpError', response.status);
        }
        return payload;
    } finally {
        pending(-1);
    }
}
