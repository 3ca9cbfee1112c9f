// The Python expression subset that OpenERP 5.0 and Odoo views carry in
// `attrs`, `colors`, `domain`, `context`, `invisible`, filter domains, ...
// Text is tokenized, parsed into a small AST (cached by text) and walked;
// JS eval/Function are never used, so an arch can never run code.

export class PyError extends Error {
    /** A Python-style error: `name` is the Python exception name. */
    constructor(type, message) {
        super(message);
        this.name = type;
    }
}

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isDict = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
const isNum = (v) => typeof v === 'number' || typeof v === 'boolean';
const isInt = (v) => typeof v === 'boolean' || Number.isInteger(v);

// ---------------------------------------------------------------- tokenizer

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'None', 'True', 'False',
    'lambda', 'for']);
const OPERATORS = ['**', '//', '==', '!=', '<>', '<=', '>=', '+', '-', '*', '/', '%', '<', '>',
    '(', ')', '[', ']', '{', '}', ',', ':', '.', '='];
const ESCAPES = {n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v',
    '\\': '\\', "'": "'", '"': '"', '\n': ''};

function syntaxError(text, problem, pos) {
    return new PyError('SyntaxError', `${problem} at position ${pos} in expression: ${text}`);
}

function readString(text, start, raw) {
    const quote = text.startsWith(text[start].repeat(3), start) ? text[start].repeat(3) : text[start];
    let i = start + quote.length;
    let out = '';
    while (i < text.length) {
        if (text.startsWith(quote, i)) return {value: out, end: i + quote.length};
        const c = text[i];
        if (c === '\n' && quote.length === 1) break;
        if (c !== '\\') { out += c; i++; continue; }
        const e = text[i + 1];
        if (raw) { out += c + (e ?? ''); i += 2; continue; }
        if (e === 'x' || e === 'u' || e === 'U') {
            const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) {
                throw syntaxError(text, `bad \\${e} escape in string`, i);
            }
            out += String.fromCodePoint(parseInt(hex, 16));
            i += 2 + len;
        } else if (e !== undefined && hasOwn(ESCAPES, e)) {
            out += ESCAPES[e];
            i += 2;
        } else {
            out += c;
            i++;
        }
    }
    throw syntaxError(text, 'unterminated string', start);
}

function tokenize(text) {
    const tokens = [];
    const numberRe = /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
    const nameRe = /[A-Za-z_][A-Za-z0-9_]*/y;
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (' \t\n\r\f\v'.includes(c) || (c === '\\' && text[i + 1] === '\n')) {
            i += c === '\\' ? 2 : 1;
            continue;
        }
        const pos = i;
        if (c === "'" || c === '"') {
            const {value, end} = readString(text, i, false);
            tokens.push({type: 'str', value, pos});
            i = end;
            continue;
        }
        numberRe.lastIndex = i;
        let m = /[0-9.]/.test(c) ? numberRe.exec(text) : null;
        if (m && m[0] !== '.') {
            const s = m[0];
            i += s.length;
            if (text[i] === 'l' || text[i] === 'L') i++;  // Python 2 long
            tokens.push({type: 'num', value: /^0[xX]/.test(s) ? parseInt(s, 16) : Number(s), pos});
            continue;
        }
        nameRe.lastIndex = i;
        m = nameRe.exec(text);
        if (m) {
            const word = m[0];
            i += word.length;
            if (/^[uUrRbB]{1,2}$/.test(word) && (text[i] === "'" || text[i] === '"')) {
                const {value, end} = readString(text, i, /r/i.test(word));
                tokens.push({type: 'str', value, pos});
                i = end;
            } else {
                tokens.push({type: KEYWORDS.has(word) ? 'kw' : 'name', value: word, pos});
            }
            continue;
        }
        const op = OPERATORS.find((o) => text.startsWith(o, i));
        if (!op) throw syntaxError(text, `unexpected character '${c}'`, i);
        tokens.push({type: 'op', value: op === '<>' ? '!=' : op, pos});
        i += op.length;
    }
    tokens.push({type: 'end', value: '', pos: text.length});
    return tokens;
}

// ------------------------------------------------------------------- parser

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);

class Parser {
    constructor(text) {
        this.text = text;
        this.tokens = tokenize(text);
        this.i = 0;
    }

    peek(k = 0) { return this.tokens[this.i + k]; }
    next() { return this.tokens[this.i++]; }
    isOp(v, k = 0) { const t = this.peek(k); return t.type === 'op' && t.value === v; }
    isKw(v, k = 0) { const t = this.peek(k); return t.type === 'kw' && t.value === v; }

    fail(problem, tok = this.peek()) {
        const found = tok.type === 'end' ? 'the end of the expression'
            : tok.type === 'str' ? 'a string' : `'${tok.value}'`;
        throw syntaxError(this.text, `${problem}, found ${found}`, tok.pos);
    }

    expect(v) {
        if (!this.isOp(v)) this.fail(`expected '${v}'`);
        return this.next();
    }

    parseTop() {
        if (this.peek().type === 'end') throw syntaxError(this.text, 'empty expression', 0);
        const node = this.parseExprList(['end']);
        if (this.peek().type !== 'end') this.fail('unexpected token');
        return node;
    }

    // `a, b` without brackets makes a tuple, as in Python.
    parseExprList(closers) {
        const first = this.parseTest();
        if (!this.isOp(',')) return first;
        const elts = [first];
        while (this.isOp(',')) {
            this.next();
            const t = this.peek();
            if (t.type === 'end' ? closers.includes('end') : closers.includes(t.value)) break;
            elts.push(this.parseTest());
        }
        return {type: 'tuple', elts};
    }

    parseTest() {
        if (this.isKw('lambda')) this.fail('lambda is not supported');
        const body = this.parseOr();
        if (!this.isKw('if')) return body;
        this.next();
        const test = this.parseOr();
        if (!this.isKw('else')) this.fail("expected 'else'");
        this.next();
        return {type: 'ifexp', test, body, orelse: this.parseTest()};
    }

    parseOr() {
        let left = this.parseAnd();
        while (this.isKw('or')) { this.next(); left = {type: 'bool', op: 'or', left, right: this.parseAnd()}; }
        return left;
    }

    parseAnd() {
        let left = this.parseNot();
        while (this.isKw('and')) { this.next(); left = {type: 'bool', op: 'and', left, right: this.parseNot()}; }
        return left;
    }

    parseNot() {
        if (this.isKw('not')) { this.next(); return {type: 'not', operand: this.parseNot()}; }
        return this.parseComparison();
    }

    parseComparison() {
        const left = this.parseArith();
        const ops = [];
        const comparators = [];
        for (;;) {
            const t = this.peek();
            let op;
            if (t.type === 'op' && COMPARISONS.has(t.value)) op = t.value;
            else if (this.isKw('in')) op = 'in';
            else if (this.isKw('not') && this.isKw('in', 1)) { this.next(); op = 'not in'; }
            else if (this.isKw('is')) {
                if (this.isKw('not', 1)) { this.next(); op = 'is not'; } else op = 'is';
            } else break;
            this.next();
            ops.push(op);
            comparators.push(this.parseArith());
        }
        return ops.length ? {type: 'compare', left, ops, comparators} : left;
    }

    parseBinary(ops, sub) {
        let left = sub();
        while (this.peek().type === 'op' && ops.includes(this.peek().value)) {
            const op = this.next().value;
            left = {type: 'binop', op, left, right: sub()};
        }
        return left;
    }

    parseArith() { return this.parseBinary(['+', '-'], () => this.parseTerm()); }
    parseTerm() { return this.parseBinary(['*', '/', '//', '%'], () => this.parseFactor()); }

    parseFactor() {
        if (this.isOp('-') || this.isOp('+')) {
            const op = this.next().value;
            return {type: 'unary', op, operand: this.parseFactor()};
        }
        const base = this.parsePostfix();
        if (!this.isOp('**')) return base;
        this.next();
        return {type: 'binop', op: '**', left: base, right: this.parseFactor()};
    }

    parsePostfix() {
        let node = this.parseAtom();
        for (;;) {
            if (this.isOp('.')) {
                this.next();
                const t = this.next();
                if (t.type !== 'name' && t.type !== 'kw') this.fail('expected an attribute name', t);
                node = {type: 'attr', value: node, attr: t.value};
            } else if (this.isOp('(')) {
                this.next();
                node = this.parseCall(node);
            } else if (this.isOp('[')) {
                this.next();
                node = {type: 'subscript', value: node, index: this.parseSubscript()};
                this.expect(']');
            } else {
                return node;
            }
        }
    }

    parseCall(func) {
        const args = [];
        const kwargs = [];
        while (!this.isOp(')')) {
            if (this.isOp('*') || this.isOp('**')) this.fail('*args and **kwargs are not supported');
            if (this.peek().type === 'name' && this.isOp('=', 1)) {
                const name = this.next().value;
                this.next();
                kwargs.push([name, this.parseTest()]);
            } else {
                if (kwargs.length) this.fail('positional argument follows keyword argument');
                args.push(this.parseTest());
            }
            if (!this.isOp(',')) break;
            this.next();
        }
        this.expect(')');
        return {type: 'call', func, args, kwargs};
    }

    parseSubscript() {
        const part = () => (this.isOp(':') || this.isOp(']') ? null : this.parseTest());
        const lower = part();
        if (!this.isOp(':')) {
            if (lower === null) this.fail('expected an index');
            return lower;
        }
        this.next();
        const upper = part();
        let step = null;
        if (this.isOp(':')) { this.next(); step = part(); }
        return {type: 'slice', lower, upper, step};
    }

    parseAtom() {
        const t = this.next();
        switch (t.type) {
        case 'num': return {type: 'const', value: t.value};
        case 'str': {
            let value = t.value;
            while (this.peek().type === 'str') value += this.next().value;
            return {type: 'const', value};
        }
        case 'name': return {type: 'name', id: t.value};
        case 'kw':
            if (t.value === 'True') return {type: 'const', value: true};
            if (t.value === 'False') return {type: 'const', value: false};
            if (t.value === 'None') return {type: 'const', value: null};
            break;
        case 'op':
            if (t.value === '(') {
                if (this.isOp(')')) { this.next(); return {type: 'tuple', elts: []}; }
                const inner = this.parseExprList([')']);
                this.expect(')');
                return inner;
            }
            if (t.value === '[') {
                const elts = [];
                while (!this.isOp(']')) {
                    if (this.isKw('for', 0)) this.fail('list comprehensions are not supported');
                    elts.push(this.parseTest());
                    if (this.isKw('for')) this.fail('list comprehensions are not supported');
                    if (!this.isOp(',')) break;
                    this.next();
                }
                this.expect(']');
                return {type: 'list', elts};
            }
            if (t.value === '{') {
                const items = [];
                while (!this.isOp('}')) {
                    const key = this.parseTest();
                    this.expect(':');
                    items.push([key, this.parseTest()]);
                    if (!this.isOp(',')) break;
                    this.next();
                }
                this.expect('}');
                return {type: 'dict', items};
            }
            break;
        default:
        }
        return this.fail('expected a value', t);
    }
}

const astCache = new Map();

/** Parses `text` into an AST (cached by text); throws PyError('SyntaxError') naming the problem. */
export function parseExpr(text) {
    if (typeof text !== 'string') throw new PyError('TypeError', `an expression must be a string, not ${typeName(text)}`);
    let ast = astCache.get(text);
    if (!ast) {
        ast = new Parser(text).parseTop();
        if (astCache.size > 2000) astCache.clear();
        astCache.set(text, ast);
    }
    return ast;
}

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

class PyNamespace {
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

function argsOf(name, params, args, kwargs, required = 0) {
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

// ---------------------------------------------------------------- semantics

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

/** Python truthiness: None, False, 0, '', [] and {} are false. */
export function truthy(v) {
    if (v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v)) return false;
    if (Array.isArray(v)) return v.length > 0;
    if (isDict(v)) return Object.keys(v).length > 0;
    if (v instanceof PyTimeDelta) return v.ms !== 0;
    return true;
}

function reprString(s) {
    const q = s.includes("'") && !s.includes('"') ? '"' : "'";
    return q + s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
        .replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

/** Python `repr()`. */
export function pyRepr(v) {
    if (v === null || v === undefined) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    if (typeof v === 'string') return reprString(v);
    if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
    if (isDict(v)) return `{${Object.entries(v).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ')}}`;
    if (typeof v.pyRepr === 'function') return v.pyRepr();
    return String(v);
}

/** Python `str()`. */
export function pyStr(v) {
    if (typeof v === 'string') return v;
    if (v && typeof v.pyStr === 'function') return v.pyStr();
    return pyRepr(v);
}

/** Python `==`: numbers and booleans by value, lists and dicts deeply, dates by value. */
export function pyEq(a, b) {
    a = a ?? null;
    b = b ?? null;
    if (a === b) return true;
    if (isNum(a) && isNum(b)) return Number(a) === Number(b);
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
    if (isDict(a) && isDict(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && pyEq(a[k], b[k]));
    }
    if (a instanceof PyDate && b instanceof PyDate) return a.constructor === b.constructor && a.ms === b.ms;
    if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return a.ms === b.ms;
    return false;
}

function pyCompare(a, b, op) {
    a = a ?? null;
    b = b ?? null;
    if (isNum(a) && isNum(b)) return Math.sign(Number(a) - Number(b));
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
            if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
        }
        return Math.sign(a.length - b.length);
    }
    if ((a instanceof PyDate && b instanceof PyDate && a.constructor === b.constructor)
        || (a instanceof PyTimeDelta && b instanceof PyTimeDelta)) return Math.sign(a.ms - b.ms);
    throw new PyError('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function contains(container, item) {
    if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
    if (typeof container === 'string') {
        if (typeof item !== 'string') throw new PyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
        return container.includes(item);
    }
    if (isDict(container)) return hasOwn(container, dictKey(item));
    throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function dictKey(k) {
    if (typeof k === 'string') return k;
    if (typeof k === 'number') return String(k);
    if (Array.isArray(k) || isDict(k)) throw new PyError('TypeError', `unhashable type: '${typeName(k)}'`);
    return pyStr(k);
}

function percentFormat(fmt, values) {
    const named = isDict(values);
    const list = named ? [] : Array.isArray(values) ? [...values] : [values];
    const out = fmt.replace(/%(\(\w+\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdirfx%])/g, (all, key, flags, width, prec, conv) => {
        if (conv === '%') return '%';
        let v;
        if (key) v = values[key.slice(1, -1)];
        else if (!list.length) throw new PyError('TypeError', 'not enough arguments for format string');
        else v = list.shift();
        let s;
        if (conv === 's') s = pyStr(v);
        else if (conv === 'r') s = pyRepr(v);
        else if (conv === 'f') s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
        else if (conv === 'x') s = Math.trunc(Number(v)).toString(16);
        else s = String(Math.trunc(Number(v)));
        return width ? (flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes('0') ? '0' : ' ')) : s;
    });
    if (list.length) throw new PyError('TypeError', 'not all arguments converted during string formatting');
    return out;
}

function binop(op, a, b) {
    a = a ?? null;
    b = b ?? null;
    const numeric = isNum(a) && isNum(b);
    const x = Number(a);
    const y = Number(b);
    switch (op) {
    case '+':
        if (numeric) return x + y;
        if (typeof a === 'string' && typeof b === 'string') return a + b;
        if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
        if (a instanceof PyDate && (b instanceof PyTimeDelta || b instanceof PyRelativeDelta)) return a.add(b);
        if (b instanceof PyDate && (a instanceof PyTimeDelta || a instanceof PyRelativeDelta)) return b.add(a);
        if (a instanceof PyRelativeDelta && b instanceof PyRelativeDelta) return a.plus(b);
        if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return new PyTimeDelta(a.ms + b.ms);
        if (typeof a === 'string') throw new PyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
        break;
    case '-':
        if (numeric) return x - y;
        if (a instanceof PyDate && (b instanceof PyTimeDelta || b instanceof PyRelativeDelta)) return a.add(b.neg());
        if (a instanceof PyDate && b instanceof PyDate && a.constructor === b.constructor) return new PyTimeDelta(a.ms - b.ms);
        if (a instanceof PyRelativeDelta && b instanceof PyRelativeDelta) return a.plus(b.neg());
        if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return new PyTimeDelta(a.ms - b.ms);
        break;
    case '*':
        if (numeric) return x * y;
        if ((typeof a === 'string' || Array.isArray(a)) && isInt(b)) return repeat(a, y);
        if ((typeof b === 'string' || Array.isArray(b)) && isInt(a)) return repeat(b, x);
        break;
    case '/':
    case '//':
    case '%':
        if (op === '%' && typeof a === 'string') return percentFormat(a, b);
        if (!numeric) break;
        if (y === 0) throw new PyError('ZeroDivisionError', op === '/' ? 'division by zero' : 'integer division or modulo by zero');
        if (op === '/') return x / y;
        if (op === '//') return Math.floor(x / y);
        return x - y * Math.floor(x / y);
    case '**':
        if (numeric) return x ** y;
        break;
    default:
    }
    throw new PyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeat(seq, n) {
    if (typeof seq === 'string') return n > 0 ? seq.repeat(n) : '';
    const out = [];
    for (let i = 0; i < n; i++) out.push(...seq);
    return out;
}

function compareOp(op, a, b) {
    switch (op) {
    case '==': return pyEq(a, b);
    case '!=': return !pyEq(a, b);
    case '<': return pyCompare(a, b, op) < 0;
    case '>': return pyCompare(a, b, op) > 0;
    case '<=': return pyCompare(a, b, op) <= 0;
    case '>=': return pyCompare(a, b, op) >= 0;
    case 'in': return contains(b, a);
    case 'not in': return !contains(b, a);
    case 'is': return (a ?? null) === (b ?? null);
    case 'is not': return (a ?? null) !== (b ?? null);
    default: throw new PyError('SyntaxError', `unknown comparison '${op}'`);
    }
}

const STRING_METHODS = {
    startswith: (s, [p]) => s.startsWith(p),
    endswith: (s, [p]) => s.endsWith(p),
    upper: (s) => s.toUpperCase(),
    lower: (s) => s.toLowerCase(),
    strip: (s) => s.trim(),
    lstrip: (s) => s.trimStart(),
    rstrip: (s) => s.trimEnd(),
    split: (s, [sep = null]) => (sep === null ? s.split(/\s+/).filter(Boolean) : s.split(sep)),
    join: (s, [items]) => iterate(items).map((x) => {
        if (typeof x !== 'string') throw new PyError('TypeError', `sequence item: expected str instance, ${typeName(x)} found`);
        return x;
    }).join(s),
    replace: (s, [a, b]) => s.split(a).join(b),
    find: (s, [sub]) => s.indexOf(sub),
};

const DICT_METHODS = {
    get: (d, [key, dflt = null]) => (hasOwn(d, dictKey(key)) ? d[dictKey(key)] ?? null : dflt),
    keys: (d) => Object.keys(d),
    values: (d) => Object.values(d),
    items: (d) => Object.entries(d),
};

function getattr(obj, name) {
    let v;
    if (obj !== null && obj !== undefined) {
        if (typeof obj.pyAttr === 'function') v = obj.pyAttr(name);
        else if (typeof obj === 'string' && hasOwn(STRING_METHODS, name)) {
            v = new PyFunc(name, (args) => STRING_METHODS[name](obj, args));
        } else if (isDict(obj) || typeof obj === 'function') {
            // Odoo's evaluation contexts expose records as objects (`parent.state`).
            if (hasOwn(obj, name)) v = obj[name] ?? null;
            else if (isDict(obj) && hasOwn(DICT_METHODS, name)) v = new PyFunc(name, (args) => DICT_METHODS[name](obj, args));
        }
    }
    if (v === undefined) throw new PyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
    return v;
}

function normIndex(seq, i) {
    if (!isInt(i)) throw new PyError('TypeError', `indices must be integers, not ${typeName(i)}`);
    const n = Number(i) < 0 ? seq.length + Number(i) : Number(i);
    if (n < 0 || n >= seq.length) throw new PyError('IndexError', `index ${i} is out of range`);
    return n;
}

function getitem(obj, index) {
    if (index && index.type === 'slice') {
        if (typeof obj !== 'string' && !Array.isArray(obj)) throw new PyError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
        const {lower, upper, step} = index;
        if (step !== null && step !== 1) throw new PyError('ValueError', 'slice steps are not supported');
        return obj.slice(lower ?? 0, upper ?? obj.length);
    }
    if (Array.isArray(obj)) return obj[normIndex(obj, index)] ?? null;
    if (typeof obj === 'string') return [...obj][normIndex([...obj], index)];
    if (isDict(obj)) {
        const k = dictKey(index);
        if (!hasOwn(obj, k)) throw new PyError('KeyError', pyRepr(index));
        return obj[k] ?? null;
    }
    throw new PyError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

function iterate(v) {
    if (Array.isArray(v)) return v;
    if (typeof v === 'string') return [...v];
    if (isDict(v)) return Object.keys(v);
    throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

function callValue(f, args, kwargs) {
    if (f instanceof PyFunc) return f.fn(args, kwargs);
    if (typeof f === 'function') return Object.keys(kwargs).length ? f(...args, kwargs) : f(...args);
    throw new PyError('TypeError', `'${typeName(f)}' object is not callable`);
}

function ev(node, scope) {
    switch (node.type) {
    case 'const': return node.value;
    case 'name': return lookup(scope, node.id);
    case 'tuple':
    case 'list': return node.elts.map((e) => ev(e, scope));
    case 'dict': {
        const d = {};
        for (const [k, v] of node.items) d[dictKey(ev(k, scope))] = ev(v, scope);
        return d;
    }
    case 'not': return !truthy(ev(node.operand, scope));
    case 'bool': {
        const left = ev(node.left, scope);
        if (node.op === 'and') return truthy(left) ? ev(node.right, scope) : left;
        return truthy(left) ? left : ev(node.right, scope);
    }
    case 'compare': {
        let left = ev(node.left, scope);
        for (let i = 0; i < node.ops.length; i++) {
            const right = ev(node.comparators[i], scope);
            if (!compareOp(node.ops[i], left, right)) return false;
            left = right;
        }
        return true;
    }
    case 'binop': return binop(node.op, ev(node.left, scope), ev(node.right, scope));
    case 'unary': {
        const v = ev(node.operand, scope);
        if (isNum(v)) return node.op === '-' ? -Number(v) : Number(v);
        if (node.op === '-' && (v instanceof PyTimeDelta || v instanceof PyRelativeDelta)) return v.neg();
        throw new PyError('TypeError', `bad operand type for unary ${node.op}: '${typeName(v)}'`);
    }
    case 'ifexp': return truthy(ev(node.test, scope)) ? ev(node.body, scope) : ev(node.orelse, scope);
    case 'attr': return getattr(ev(node.value, scope), node.attr);
    case 'subscript': {
        const obj = ev(node.value, scope);
        const idx = node.index.type === 'slice'
            ? {type: 'slice', lower: node.index.lower && ev(node.index.lower, scope),
                upper: node.index.upper && ev(node.index.upper, scope), step: node.index.step && ev(node.index.step, scope)}
            : ev(node.index, scope);
        return getitem(obj, idx);
    }
    case 'call': {
        const f = ev(node.func, scope);
        const args = node.args.map((a) => ev(a, scope));
        const kwargs = {};
        for (const [k, v] of node.kwargs) kwargs[k] = ev(v, scope);
        const result = callValue(f, args, kwargs);
        return result === undefined ? null : result;
    }
    default: throw new PyError('SyntaxError', `unknown expression node '${node.type}'`);
    }
}

// ----------------------------------------------------------------- builtins

const fn1 = (name, f) => new PyFunc(name, (args, kw) => {
    if (args.length !== 1 || Object.keys(kw).length) throw new PyError('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
    return f(args[0]);
});

function toInt(v) {
    if (isNum(v)) {
        if (!Number.isFinite(Number(v))) throw new PyError('ValueError', `cannot convert ${pyRepr(v)} to integer`);
        return Math.trunc(Number(v));
    }
    if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return parseInt(v, 10);
    if (typeof v === 'string') throw new PyError('ValueError', `invalid literal for int() with base 10: ${pyRepr(v)}`);
    throw new PyError('TypeError', `int() argument must be a string or a number, not '${typeName(v)}'`);
}

function toFloat(v) {
    if (isNum(v)) return Number(v);
    if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
    if (typeof v === 'string') throw new PyError('ValueError', `could not convert string to float: ${pyRepr(v)}`);
    throw new PyError('TypeError', `float() argument must be a string or a number, not '${typeName(v)}'`);
}

function pyLen(v) {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isDict(v)) return Object.keys(v).length;
    throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

const extreme = (name, sign) => new PyFunc(name, (args) => {
    const items = args.length === 1 ? iterate(args[0]) : args;
    if (!items.length) throw new PyError('ValueError', `${name}() arg is an empty sequence`);
    return items.reduce((best, x) => (pyCompare(x, best, '<') * sign > 0 ? x : best));
});

const dateType = new PyFunc('date', (args, kw) => {
    const a = argsOf('date', ['year', 'month', 'day'], args, kw, 3);
    return new PyDate(a.year, a.month, a.day);
}, {today: new PyFunc('today', () => PyDate.today())});

const datetimeType = new PyFunc('datetime', (args, kw) => {
    const a = argsOf('datetime', ['year', 'month', 'day', 'hour', 'minute', 'second'], args, kw, 3);
    return new PyDateTime(a.year, a.month, a.day, a.hour, a.minute, a.second);
}, {
    now: new PyFunc('now', () => PyDateTime.now()),
    today: new PyFunc('today', () => PyDateTime.now()),
    combine: new PyFunc('combine', ([date, time]) => {
        const d = date.parts;
        const t = time ?? {hour: 0, minute: 0, second: 0};
        return new PyDateTime(d.year, d.month, d.day, t.hour, t.minute, t.second);
    }),
});

class PyTime {
    constructor(hour = 0, minute = 0, second = 0) { Object.assign(this, {hour, minute, second}); }
    pyAttr(name) { return ['hour', 'minute', 'second'].includes(name) ? this[name] : undefined; }
    pyRepr() { return `datetime.time(${this.hour}, ${this.minute}, ${this.second})`; }
}

const BUILTINS = {
    context_today: new PyFunc('context_today', () => PyDate.today()),
    get current_date() { return PyDate.today().isoformat(); },
    time: new PyNamespace('time', {
        strftime: new PyFunc('strftime', (args, kw) => PyDateTime.now().strftime(argsOf('strftime', ['format'], args, kw, 1).format)),
    }),
    datetime: new PyNamespace('datetime', {
        date: dateType,
        datetime: datetimeType,
        time: new PyFunc('time', (args, kw) => {
            const a = argsOf('time', ['hour', 'minute', 'second'], args, kw);
            return new PyTime(a.hour ?? 0, a.minute ?? 0, a.second ?? 0);
        }),
        timedelta: new PyFunc('timedelta', PyTimeDelta.fromArgs),
    }),
    relativedelta: new PyFunc('relativedelta', PyRelativeDelta.fromArgs),
    str: fn1('str', pyStr),
    unicode: fn1('unicode', pyStr),
    int: fn1('int', toInt),
    float: fn1('float', toFloat),
    bool: fn1('bool', truthy),
    len: fn1('len', pyLen),
    abs: fn1('abs', (v) => {
        if (!isNum(v)) throw new PyError('TypeError', `bad operand type for abs(): '${typeName(v)}'`);
        return Math.abs(Number(v));
    }),
    list: fn1('list', (v) => [...iterate(v)]),
    tuple: fn1('tuple', (v) => [...iterate(v)]),
    dict: new PyFunc('dict', (args, kw) => ({...(args[0] ?? {}), ...kw})),
    min: extreme('min', -1),
    max: extreme('max', 1),
};

function lookup(scope, name) {
    for (let o = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
        if (hasOwn(o, name)) return toPyValue(o[name], false);
    }
    if (hasOwn(BUILTINS, name)) return BUILTINS[name];
    throw new PyError('NameError', `name '${name}' is not defined`);
}

/**
 * A JS value as the evaluator sees it: undefined is None, a JS Date is a naive
 * datetime of its UTC time; `deep` converts inside arrays and objects too.
 */
export function toPyValue(v, deep = true) {
    if (v === undefined) return null;
    if (v instanceof Date) return PyDateTime.fromMs(Math.floor(v.getTime() / 1000) * 1000);
    if (deep && Array.isArray(v)) return v.map((x) => toPyValue(x));
    if (deep && isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPyValue(x)]));
    return v;
}

/** An evaluated value made ready for JSON-RPC: tuples are arrays, dates are server strings. */
export function fromPyValue(v) {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return v.map(fromPyValue);
    if (v instanceof PyDate) return v.toJSON();
    if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromPyValue(x)]));
    if (typeof v === 'object' || typeof v === 'function') {
        throw new PyError('TypeError', `a ${typeName(v)} cannot be sent to the server`);
    }
    return v;
}

// ---------------------------------------------------------------- public API

/** Evaluates a Python expression against `context` (names) over the builtins; a non-string is returned as is. */
export function evaluate(text, context = {}) {
    if (typeof text !== 'string') return toPyValue(text);
    const ast = parseExpr(text);
    try {
        return ev(ast, context ?? {});
    } catch (error) {
        if (error instanceof PyError && !error.expression) {
            error.expression = text;
            error.message = `${error.message} (in expression: ${text})`;
        }
        throw error;
    }
}

/** `bool(evaluate(text, context))`: for Odoo 17 `invisible="…"`, `readonly="…"`, `required="…"`. */
export function evalBoolean(text, context = {}) {
    if (text === undefined || text === null || text === '') return false;
    return truthy(evaluate(text, context));
}

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
