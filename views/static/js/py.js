// The Python expression subset that OpenERP 5.0 and Odoo views carry in
// `attrs`, `colors`, `domain`, `context`, `invisible`, filter domains, ...
// Text is tokenized, parsed into a small AST (cached by text) and walked;
// JS eval/Function are never used, so an arch can never run code.
//
// The code lives in ./py/: parser.js (tokenizer, parser), dates.js (value
// objects, date types), evaluator.js (semantics, builtins, evaluate) and
// domain.js (domains, contexts, attrs, colors, states); base.js holds PyError.

export { PyError } from './py/base.js';
export { parseExpr } from './py/parser.js';
export { PyDate, PyDateTime, PyFunc, PyRelativeDelta, PyTimeDelta, typeName } from './py/dates.js';
export { evalBoolean, evaluate, fromPyValue, pyEq, pyRepr, pyStr, toPyValue, truthy } from './py/evaluator.js';
export {
    evalAttrs, evalColors, evalContext, evalDomain, evalStates, matchDomain, recordContext,
} from './py/domain.js';
