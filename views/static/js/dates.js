// Dates and datetimes between the server and the user. On the wire a date is
// 'YYYY-MM-DD' and a datetime 'YYYY-MM-DD HH:MM:SS' in UTC; the user sees and
// types them in their own time zone (an IANA name such as 'Europe/Brussels').
// Offsets come from Intl.DateTimeFormat, so no time zone database is shipped.

const pad = (n, w = 2) => String(n).padStart(w, '0');
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]00:?00)?$/;

function utcMs(y, mo, d, h = 0, mi = 0, s = 0) {
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    return date.getTime();
}

/** The browser's own IANA time zone, used when none is given. */
export function browserTimeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A user language as Intl wants it: 'fr_BE' → 'fr-BE'; empty → the browser's. */
export function intlLocale(lang) {
    return lang ? String(lang).replace(/_/g, '-').replace(/@.*$/, '') : undefined;
}

const partsFormatters = new Map();

function partsFormatter(tz) {
    let f = partsFormatters.get(tz);
    if (!f) {
        try {
            f = new Intl.DateTimeFormat('en-US', {timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit',
                day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'});
        } catch (error) {
            throw new RangeError(`unknown time zone '${tz}': use an IANA name such as 'Europe/Brussels'`);
        }
        partsFormatters.set(tz, f);
    }
    return f;
}

/** The wall-clock fields `{year, month, day, hour, minute, second}` of the instant `date` in `tz`. */
export function wallClock(date, tz = browserTimeZone()) {
    const out = {};
    for (const p of partsFormatter(tz).formatToParts(date)) {
        if (p.type !== 'literal' && p.type !== 'era') out[p.type] = Number(p.value);
    }
    if (out.hour === 24) out.hour = 0;
    return out;
}

/** The offset of `tz` from UTC at the instant `date`, in minutes (Brussels in summer: 120). */
export function tzOffsetMinutes(date, tz = browserTimeZone()) {
    const w = wallClock(date, tz);
    const seconds = Math.floor(date.getTime() / 1000) * 1000;
    return Math.round((utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - seconds) / 60000);
}

/** 'YYYY-MM-DD' → `{year, month, day}`, or null for an empty value (false, null, ''). */
export function parseServerDate(value) {
    if (!value) return null;
    const m = DATE_RE.exec(String(value).slice(0, 10));
    if (!m) throw new RangeError(`'${value}' is not a date in the form YYYY-MM-DD`);
    return {year: Number(m[1]), month: Number(m[2]), day: Number(m[3])};
}

/** 'YYYY-MM-DD HH:MM:SS' (UTC) → a Date, or null for an empty value. */
export function parseServerDatetime(value) {
    if (!value) return null;
    const m = DATETIME_RE.exec(String(value).trim());
    if (!m) throw new RangeError(`'${value}' is not a datetime in the form YYYY-MM-DD HH:MM:SS`);
    return new Date(utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)));
}

/** A Date → the server's 'YYYY-MM-DD HH:MM:SS' in UTC. */
export function serializeDatetime(date) {
    return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `
        + `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Today in `tz` (the browser's zone by default) as 'YYYY-MM-DD'. */
export function todayString(tz) {
    const w = wallClock(new Date(), tz || browserTimeZone());
    return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The current instant as the server's 'YYYY-MM-DD HH:MM:SS' (UTC). */
export function nowServerDatetime() {
    return serializeDatetime(new Date());
}

/** A server date shown in the user's language ('2024-03-31', 'en_US' → '03/31/2024'); empty → ''. */
export function formatDate(value, lang) {
    const d = parseServerDate(value);
    if (!d) return '';
    return new Intl.DateTimeFormat(intlLocale(lang), {timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit'})
        .format(new Date(utcMs(d.year, d.month, d.day)));
}

/** A server datetime (UTC) shown in `tz` and the user's language, to the second; empty → ''. */
export function formatDatetime(value, tz, lang) {
    const date = parseServerDatetime(value);
    if (!date) return '';
    partsFormatter(tz || browserTimeZone());  // a clear error for an unknown zone
    return new Intl.DateTimeFormat(intlLocale(lang), {timeZone: tz || browserTimeZone(), hourCycle: 'h23',
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'})
        .format(date);
}

/** A server datetime (UTC) → the value of an `<input type=datetime-local>` in `tz` ('YYYY-MM-DDTHH:MM[:SS]'). */
export function toLocalInputValue(value, tz) {
    const date = parseServerDatetime(value);
    if (!date) return '';
    const w = wallClock(date, tz || browserTimeZone());
    const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
    return w.second ? `${base}:${pad(w.second)}` : base;
}

/**
 * The value of an `<input type=datetime-local>` (wall time in `tz`) → the
 * server's UTC 'YYYY-MM-DD HH:MM:SS'. A time that happens twice (autumn)
 * is the first one; a time skipped by the spring change moves forward, as a
 * clock would.
 */
export function toServerDatetime(localInputValue, tz) {
    if (!localInputValue) return false;
    const m = DATETIME_RE.exec(String(localInputValue).trim());
    if (!m) throw new RangeError(`'${localInputValue}' is not a date and time in the form YYYY-MM-DDTHH:MM`);
    const zone = tz || browserTimeZone();
    const wall = utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
    // Any change of offset is at least a day away from another, so the offsets
    // a day before and after the wall time are the only candidates.
    const before = tzOffsetMinutes(new Date(wall - 86400000), zone);
    const after = tzOffsetMinutes(new Date(wall + 86400000), zone);
    const candidates = [...new Set([before, after])].map((o) => wall - o * 60000)
        .filter((t) => wall - tzOffsetMinutes(new Date(t), zone) * 60000 === t)
        .sort((a, b) => a - b);
    return serializeDatetime(new Date(candidates.length ? candidates[0] : wall - before * 60000));
}

/** A date input's value ('YYYY-MM-DD') checked for the server; empty → false. */
export function toServerDate(inputValue) {
    if (!inputValue) return false;
    const d = parseServerDate(inputValue);
    return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}
