import type { JsonSchema } from '../normalize/types.js';
import { nearestName } from '../text.js';
import { CALLABLES, type Expr, ExpressionError, UNSUPPORTED_MODULES } from './expression-parser.js';
import { arithmetic, compare, hash, isTruthy, negate, subscript, toFloat, toInt, toStr, type Value } from './python-values.js';

/** What an expression sees when it runs for one record. */
export interface ExpressionScope {
  /** The input record (before any map of this stream applies). */
  record: Record<string, unknown>;
  /** The current value of the property being mapped (`self`); null when it is absent or in a filter. */
  self: unknown;
}

export type Evaluator = (scope: ExpressionScope) => Value;

/** The names an expression of one stream map may use, known when the config is read. */
export interface NameContext {
  /** The input stream's properties (after catalog selection) with their schemas. */
  properties: Readonly<Record<string, JsonSchema>>;
  /** Properties of the stream the catalog deselected: named in a hint, not readable. */
  deselected: readonly string[];
  /** `stream_map_config`, exposed as `config`. */
  config: Readonly<Record<string, unknown>>;
  /** `__stream_name__`: the output stream's name. */
  streamName: string;
  /** `__original_stream_name__`: the stream the records come from. */
  sourceStreamName: string;
}

const BUILT_IN_NAMES = ['record', '_', 'self', 'config', '__stream_name__', '__original_stream_name__'];

/**
 * Turns a parsed expression into a function of the record, once per stream map. Every name is resolved here,
 * so an unknown property is a config error at start rather than a failure at the first record.
 */
export function compileExpression(expr: Expr, names: NameContext): Evaluator {
  switch (expr.kind) {
    case 'literal': {
      const value = expr.value;
      return () => value;
    }
    case 'name':
      return compileName(expr.name, names);
    case 'subscript':
      return compileSubscript(expr, names);
    case 'call':
      return compileCall(expr.fn, compileExpression(expr.arg, names));
    case 'unary': {
      const arg = compileExpression(expr.arg, names);
      if (expr.op === 'not') return (s) => !isTruthy(arg(s));
      const op = expr.op;
      return (s) => negate(op, arg(s));
    }
    case 'arithmetic': {
      const [op, left, right] = [expr.op, compileExpression(expr.left, names), compileExpression(expr.right, names)];
      return (s) => arithmetic(op, left(s), right(s));
    }
    case 'compare': {
      const [op, left, right] = [expr.op, compileExpression(expr.left, names), compileExpression(expr.right, names)];
      return (s) => compare(op, left(s), right(s));
    }
    case 'logical': {
      const [left, right] = [compileExpression(expr.left, names), compileExpression(expr.right, names)];
      // Python's and/or return an operand, not a boolean, and don't evaluate the right one when not needed.
      if (expr.op === 'and') return (s) => (isTruthy(left(s)) ? right(s) : left(s));
      return (s) => {
        const value = left(s);
        return isTruthy(value) ? value : right(s);
      };
    }
  }
}

function compileName(name: string, names: NameContext): Evaluator {
  switch (name) {
    case 'record':
    case '_':
      return (s) => s.record;
    case 'self':
      return (s) => s.self ?? null;
    case 'config': {
      const config = names.config;
      return () => config;
    }
    case '__stream_name__': {
      const stream = names.streamName;
      return () => stream;
    }
    case '__original_stream_name__': {
      const stream = names.sourceStreamName;
      return () => stream;
    }
  }
  if (Object.hasOwn(names.properties, name)) return (s) => s.record[name] ?? null;
  throw new ExpressionError(describeUnknownName(name, names));
}

function describeUnknownName(name: string, names: NameContext, what: 'name' | 'property' = 'name'): string {
  if (names.deselected.includes(name)) return `"${name}" is deselected in the catalog: select it to use it in an expression`;
  if (what === 'name') {
    const module = UNSUPPORTED_MODULES[name];
    if (module) return `${module} is not supported (${name})`;
    if ((CALLABLES as readonly string[]).includes(name)) return `${name} is a function: call it, as in ${name}(x)`;
  }
  const candidates = what === 'name' ? [...Object.keys(names.properties), ...BUILT_IN_NAMES] : Object.keys(names.properties);
  const nearest = nearestName(name, candidates);
  return `unknown ${what} "${name}"${nearest ? ` (nearest: "${nearest}")` : ''}`;
}

function compileSubscript(expr: Extract<Expr, { kind: 'subscript' }>, names: NameContext): Evaluator {
  const { object, index } = expr;
  if (object.kind === 'name' && index.kind === 'literal' && typeof index.value === 'string') {
    const key = index.value;
    // Literal keys of known dicts are checked now: a typo fails at start, not at the first record.
    if (object.name === 'config') {
      if (!Object.hasOwn(names.config, key)) {
        const keys = Object.keys(names.config);
        throw new ExpressionError(
          `stream_map_config has no key "${key}"${keys.length > 0 ? ` (keys: ${keys.join(', ')})` : ' (it is empty or not set)'}`,
        );
      }
      const value = names.config[key];
      return () => value;
    }
    if (object.name === 'record' || object.name === '_') {
      if (Object.hasOwn(names.properties, key)) return (s) => s.record[key] ?? null;
      throw new ExpressionError(describeUnknownName(key, names, 'property'));
    }
  }
  const [read, at] = [compileExpression(object, names), compileExpression(index, names)];
  return (s) => subscript(read(s), at(s));
}

function compileCall(fn: (typeof CALLABLES)[number], arg: Evaluator): Evaluator {
  switch (fn) {
    case 'md5':
    case 'sha256':
      return (s) => hash(fn, arg(s));
    case 'str':
      return (s) => toStr(arg(s));
    case 'int':
      return (s) => toInt(arg(s));
    case 'float':
      return (s) => toFloat(arg(s));
    case 'bool':
      return (s) => isTruthy(arg(s));
  }
}
