// The evaluator's value objects (callables, modules) and Python's date types
// (`datetime.date`, `datetime.datetime`, `timedelta`, `relativedelta`), with `typeName`.

import { PyError, hasOwn, isDict, isNum } from './base.js';

// ------------------------------------------------------------ value objects

/** A callable of the evaluator: `fn(args, kwargs)`, with optional attributes (`datetime.date.today`). */
export class PyFunc {
    constructor(name, fn, attrs = {}) {
        this.name = name;
        this.fn = fn;
        this.attrs = attrs;
    }

    pyAttr(name) { return this.attrs[name]; }
    pyRepr() { return `<function ${this.name}>`; }
}

export class PyNamespace {
    constructor(name, attrs) { this.name = name; this.attrs = attrs; }
    pyAttr(name) { return this.attrs[name]; }
    pyRepr() { return `<module '${this.name}'>`; }
}

const DAY_MS = 86400000;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];

function utcMs(y, mo, d, h = 0, mi = 0, s = 0) {
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    return date.getTime();
}

const daysInMonth = (y, m) => new Date(utcMs(y, m + 1, 0)).getUTCDate();

export function argsOf(name, params, args, kwargs, required = 0) {
    const values = {};
    if (args.length > params.length) throw new PyError('TypeError', `${name}() takes at most ${params.length} arguments (${args.length} given)`);
    params.forEach((p, i) => { if (i < args.length) values[p] = args[i]; });
    for (const [k, v] of Object.entries(kwargs)) {
        if (!params.includes(k)) throw new PyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
        values[k] = v;
    }
    params.slice(0, required).forEach((p) => {
        if (!(p in values)) throw new PyError('TypeError', `${name}() missing required argument '${p}'`);
    });
    return values;
}

/** `datetime.date`: a naive calendar day, held as the UTC milliseconds of its midnight. */
export class PyDate {
    constructor(year, month, day) {
        if (![year, month, day].every(Number.isInteger)) throw new PyError('TypeError', 'date() arguments must be integers');
        if (month < 1 || month > 12) throw new PyError('ValueError', 'month must be in 1..12');
        if (day < 1 || day > daysInMonth(year, month)) throw new PyError('ValueError', 'day is out of range for month');
        this.ms = utcMs(year, month, day);
    }

    static fromMs(ms) { const d = new Date(ms); return new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()); }
    static today() { const d = new Date(); return new PyDate(d.getFullYear(), d.getMonth() + 1, d.getDate()); }

    get parts() {
        const d = new Date(this.ms);
        return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
            hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
            weekday: (d.getUTCDay() + 6) % 7};
    }

    withParts(p) { return new PyDate(p.year, p.month, p.day); }

    strftime(fmt) {
        const p = this.parts;
        const dayOfYear = Math.floor((utcMs(p.year, p.month, p.day) - utcMs(p.year, 1, 1)) / DAY_MS) + 1;
        const map = {Y: pad(p.year, 4), m: pad(p.month), d: pad(p.day), H: pad(p.hour), M: pad(p.minute),
            S: pad(p.second), y: pad(p.year % 100), j: pad(dayOfYear, 3), I: pad(p.hour % 12 || 12),
            p: p.hour < 12 ? 'AM' : 'PM', w: String((p.weekday + 1) % 7), A: DAY_NAMES[p.weekday],
            a: DAY_NAMES[p.weekday].slice(0, 3), B: MONTH_NAMES[p.month - 1],
            b: MONTH_NAMES[p.month - 1].slice(0, 3), '%': '%'};
        return String(fmt).replace(/%(.)/g, (all, c) => (hasOwn(map, c) ? map[c] : all));
    }

    isoformat() { return this.strftime('%Y-%m-%d'); }
    toJSON() { return this.isoformat(); }
    pyStr() { return this.isoformat(); }
    pyRepr() { const p = this.parts; return `datetime.date(${p.year}, ${p.month}, ${p.day})`; }

    pyAttr(name) {
        const p = this.parts;
        if (['year', 'month', 'day'].includes(name)) return p[name];
        const methods = {
            strftime: (args, kw) => this.strftime(argsOf('strftime', ['format'], args, kw, 1).format),
            isoformat: () => this.isoformat(),
            weekday: () => p.weekday,
            isoweekday: () => p.weekday + 1,
            replace: (args, kw) => this.withParts({...p, ...argsOf('replace', ['year', 'month', 'day'], args, kw)}),
        };
        return hasOwn(methods, name) ? new PyFunc(name, methods[name]) : undefined;
    }

    add(delta) {
        if (delta instanceof PyTimeDelta) return this.constructor.fromMs(this.ms + delta.wholeMs(this));
        return delta.applyTo(this);
    }
}

/** `datetime.datetime`: naive, like Python's; its JSON form is the server's 'YYYY-MM-DD HH:MM:SS'. */
export class PyDateTime extends PyDate {
    constructor(year, month, day, hour = 0, minute = 0, second = 0) {
        super(year, month, day);
        if (![hour, minute, second].every(Number.isInteger) || hour < 0 || hour > 23 || minute < 0
            || minute > 59 || second < 0 || second > 59) {
            throw new PyError('ValueError', 'hour, minute or second is out of range');
        }
        this.ms = utcMs(year, month, day, hour, minute, second);
    }

    static fromMs(ms) {
        const d = new Date(ms);
        return new PyDateTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(),
            d.getUTCMinutes(), d.getUTCSeconds());
    }

    static now() {
        const d = new Date();
        return new PyDateTime(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
    }

    withParts(p) { return new PyDateTime(p.year, p.month, p.day, p.hour, p.minute, p.second); }
    isoformat() { return this.strftime('%Y-%m-%dT%H:%M:%S'); }
    toJSON() { return this.strftime('%Y-%m-%d %H:%M:%S'); }
    pyStr() { return this.toJSON(); }
    pyRepr() { const p = this.parts; return `datetime.datetime(${p.year}, ${p.month}, ${p.day}, ${p.hour}, ${p.minute}, ${p.second})`; }

    pyAttr(name) {
        const p = this.parts;
        if (['hour', 'minute', 'second'].includes(name)) return p[name];
        if (name === 'date') return new PyFunc('date', () => new PyDate(p.year, p.month, p.day));
        if (name === 'replace') {
            return new PyFunc('replace', (args, kw) => this.withParts(
                {...p, ...argsOf('replace', ['year', 'month', 'day', 'hour', 'minute', 'second'], args, kw)}));
        }
        return super.pyAttr(name);
    }
}

/** `datetime.timedelta`, held as milliseconds. */
export class PyTimeDelta {
    constructor(ms) { this.ms = ms; }

    static fromArgs(args, kwargs) {
        const a = argsOf('timedelta', ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'], args, kwargs);
        const n = (k) => Number(a[k] ?? 0);
        return new PyTimeDelta(((n('weeks') * 7 + n('days')) * 24 * 3600 + n('hours') * 3600 + n('minutes') * 60
            + n('seconds')) * 1000 + n('milliseconds') + n('microseconds') / 1000);
    }

    // A date only takes the whole days of a timedelta, as in Python.
    wholeMs(target) { return target instanceof PyDateTime ? this.ms : Math.floor(this.ms / DAY_MS) * DAY_MS; }
    neg() { return new PyTimeDelta(-this.ms); }
    pyAttr(name) {
        if (name === 'days') return Math.floor(this.ms / DAY_MS);
        if (name === 'seconds') return Math.floor((this.ms - Math.floor(this.ms / DAY_MS) * DAY_MS) / 1000);
        if (name === 'total_seconds') return new PyFunc('total_seconds', () => this.ms / 1000);
        return undefined;
    }

    pyRepr() { return `datetime.timedelta(seconds=${this.ms / 1000})`; }
}

const RELATIVE = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'];
const ABSOLUTE = ['year', 'month', 'day', 'hour', 'minute', 'second', 'weekday'];

/** dateutil's `relativedelta`: relative parts (plural) added, absolute parts (singular) replaced. */
export class PyRelativeDelta {
    constructor(fields) {
        for (const k of [...RELATIVE, ...ABSOLUTE]) this[k] = fields[k] ?? (RELATIVE.includes(k) ? 0 : null);
        this.days += (fields.weeks ?? 0) * 7;
    }

    static fromArgs(args, kwargs) {
        if (args.length) throw new PyError('TypeError', 'relativedelta() takes keyword arguments only, e.g. relativedelta(months=1)');
        const known = [...RELATIVE, 'weeks', ...ABSOLUTE];
        for (const [k, v] of Object.entries(kwargs)) {
            if (!known.includes(k)) throw new PyError('TypeError', `relativedelta() got an unexpected keyword argument '${k}'`);
            if (!isNum(v)) throw new PyError('TypeError', `relativedelta() argument '${k}' must be a number, not ${typeName(v)}`);
        }
        return new PyRelativeDelta(Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, Number(v)])));
    }

    neg() {
        const f = {};
        for (const k of RELATIVE) f[k] = -this[k];
        for (const k of ABSOLUTE) f[k] = this[k];
        return new PyRelativeDelta(f);
    }

    plus(other) {
        const f = {};
        for (const k of RELATIVE) f[k] = this[k] + other[k];
        for (const k of ABSOLUTE) f[k] = other[k] ?? this[k];
        return new PyRelativeDelta(f);
    }

    applyTo(date) {
        const p = date.parts;
        const months = ((this.year ?? p.year) + this.years) * 12 + (this.month ?? p.month) - 1 + this.months;
        const year = Math.floor(months / 12);
        const month = (months % 12 + 12) % 12 + 1;
        const day = Math.min(daysInMonth(year, month), this.day ?? p.day);
        let result = date.withParts({year, month, day, hour: this.hour ?? p.hour, minute: this.minute ?? p.minute,
            second: this.second ?? p.second});
        result = result.add(new PyTimeDelta(((this.days * 24 + this.hours) * 60 + this.minutes) * 60000 + this.seconds * 1000));
        if (this.weekday !== null) result = result.add(new PyTimeDelta(((this.weekday - result.parts.weekday + 7) % 7) * DAY_MS));
        return result;
    }

    pyAttr(name) { return [...RELATIVE, ...ABSOLUTE].includes(name) ? this[name] : undefined; }
    pyRepr() {
        const parts = [...RELATIVE, ...ABSOLUTE].filter((k) => (RELATIVE.includes(k) ? this[k] : this[k] !== null));
        return `relativedelta(${parts.map((k) => `${k}=${this[k]}`).join(', ')})`;
    }
}

// ---------------------------------------------------------------- type names

/** The Python type name of a value, for error messages. */
export function typeName(v) {
    if (v === null || v === undefined) return 'NoneType';
    if (typeof v === 'boolean') return 'bool';
    if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
    if (typeof v === 'string') return 'str';
    if (Array.isArray(v)) return 'list';
    if (v instanceof PyDateTime) return 'datetime.datetime';
    if (v instanceof PyDate) return 'datetime.date';
    if (v instanceof PyTimeDelta) return 'datetime.timedelta';
    if (v instanceof PyRelativeDelta) return 'relativedelta';
    if (v instanceof PyFunc || typeof v === 'function') return 'function';
    if (v instanceof PyNamespace) return 'module';
    if (isDict(v)) return 'dict';
    return 'object';
}
