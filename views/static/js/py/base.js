// What every part of the Python evaluator (../py.js) shares: its error type and value tests.

export class PyError extends Error {
    /** A Python-style error: `name` is the Python exception name. */
    constructor(type, message) {
        super(message);
        this.name = type;
    }
}

export const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
export const isDict = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
export const isNum = (v) => typeof v === 'number' || typeof v === 'boolean';
export const isInt = (v) => typeof v === 'boolean' || Number.isInteger(v);
