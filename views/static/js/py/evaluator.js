// The evaluator of parsed Python expressions (see ../py.js): Python semantics,
// the builtins, and the JS <-> Python value conversions.

import { PyError, hasOwn, isDict, isInt, isNum } from './base.js';
import { argsOf, PyDate, PyDateTime, PyFunc, PyNamespace, PyRelativeDelta, PyTimeDelta, typeName } from './dates.js';
import { parseExpr } from './parser.js';

// ---------------------------------------------------------------- semantics

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

export function compareOp(op, a, b) {
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
