// The tokenizer and parser of the Python expression subset (see ../py.js):
// text becomes a small AST, cached by text.

import { PyError, hasOwn } from './base.js';
import { typeName } from './dates.js';

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
