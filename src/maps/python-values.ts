import { createHash } from 'node:crypto';

/**
 * Python's meaning of the operators and functions stream-map expressions may use, over JSON values (None is
 * null; int and float are both JS numbers). Where Python raises, these throw ExpressionRuntimeError with
 * Python's wording. Documented differences: a cast or hash of None gives None (Python raises, which would end
 * a sync on the first empty value), and str() of a list or dict is its JSON text.
 */
export class ExpressionRuntimeError extends Error {}

export type Value = unknown;

/** Python's type name of a JSON value, for error messages. */
export function typeName(value: Value): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python truthiness: None, False, 0, '', [] and {} are false. */
export function isTruthy(value: Value): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value as object).length > 0;
}

/** bool is a number in Python arithmetic and comparisons. */
const isNumeric = (value: Value): value is number | boolean => typeof value === 'number' || typeof value === 'boolean';
const toNumber = (value: number | boolean): number => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

export function arithmetic(op: '+' | '-' | '*' | '/', left: Value, right: Value): Value {
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (!isNumeric(left) || !isNumeric(right)) {
    throw new ExpressionRuntimeError(`unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`);
  }
  const a = toNumber(left);
  const b = toNumber(right);
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  if (b === 0) throw new ExpressionRuntimeError('division by zero');
  return a / b;
}

export function negate(op: '-' | '+', value: Value): Value {
  if (!isNumeric(value)) throw new ExpressionRuntimeError(`bad operand type for unary ${op}: '${typeName(value)}'`);
  return op === '-' ? -toNumber(value) : toNumber(value);
}

export function compare(op: '==' | '!=' | '<' | '<=' | '>' | '>=', left: Value, right: Value): boolean {
  if (op === '==') return isEqual(left, right);
  if (op === '!=') return !isEqual(left, right);
  let a: number | string;
  let b: number | string;
  if (isNumeric(left) && isNumeric(right)) {
    a = toNumber(left);
    b = toNumber(right);
  } else if (typeof left === 'string' && typeof right === 'string') {
    a = left;
    b = right;
  } else {
    throw new ExpressionRuntimeError(`'${op}' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`);
  }
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

function isEqual(left: Value, right: Value): boolean {
  if (isNumeric(left) && isNumeric(right)) return toNumber(left) === toNumber(right);
  if ((left ?? null) === null || (right ?? null) === null) return (left ?? null) === (right ?? null);
  if (typeof left !== 'object' || typeof right !== 'object') return left === right;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((v, i) => isEqual(v, right[i]));
  const a = left as Record<string, Value>;
  const b = right as Record<string, Value>;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && isEqual(a[k], b[k]));
}

/** `x[i]`: a dict key (a missing key gives None), a list or str index (negative from the end). */
export function subscript(object: Value, index: Value): Value {
  if (typeof object === 'string' || Array.isArray(object)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new ExpressionRuntimeError(`${typeName(object)} indices must be integers, not ${typeName(index)}`);
    }
    const i = index < 0 ? object.length + index : index;
    if (i < 0 || i >= object.length) throw new ExpressionRuntimeError(`${typeName(object)} index out of range`);
    return object[i];
  }
  if (object === null || object === undefined || typeof object !== 'object') {
    throw new ExpressionRuntimeError(`'${typeName(object)}' object is not subscriptable`);
  }
  const value = (object as Record<string, Value>)[String(index)];
  return Object.hasOwn(object, String(index)) ? value : null;
}

/** Python's str(). */
export function toStr(value: Value): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function toInt(value: Value): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number(value.replace(/_/g, '').trim());
  throw new ExpressionRuntimeError(`invalid literal for int() with base 10: ${JSON.stringify(value)}`);
}

export function toFloat(value: Value): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  // JSON has no NaN or Infinity: Python's 'nan' and 'inf' are refused like any other text.
  if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value.trim());
  throw new ExpressionRuntimeError(`could not convert string to float: ${JSON.stringify(value)}`);
}

/** md5()/sha256(): the hex digest of str(value) as UTF-8; None stays None. */
export function hash(algorithm: 'md5' | 'sha256', value: Value): string | null {
  if (value === null || value === undefined) return null;
  return createHash(algorithm).update(toStr(value), 'utf8').digest('hex');
}
