/**
 * The logged-in user's session, as the shell page embedded it
 * (`<script id="session-info" type="application/json">`).
 */
function readSession() {
    const node = document.getElementById('session-info');
    let info = {};
    if (node) {
        try {
            info = JSON.parse(node.textContent);
        } catch (error) {
            info = {};
        }
    }
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (!info.csrf_token && meta) {
        info.csrf_token = meta.getAttribute('content');
    }
    info.user_context = info.user_context || {};
    return info;
}

export const session = readSession();

/** A copy of the user context (lang, tz, uid) to send with every call. */
export function userContext() {
    return Object.assign({}, session.user_context);
}

/** The user's IANA time zone, or the browser's when the user set none. */
export function userTimezone() {
    return session.user_context.tz || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The user's language as a BCP 47 tag (en_US → en-US). */
export function userLocale() {
    return (session.user_context.lang || 'en_US').replace('_', '-');
}
