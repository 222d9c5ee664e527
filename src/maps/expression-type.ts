import type { JsonSchema } from '../normalize/types.js';
import type { Expr } from './expression-parser.js';

/** The JSON Schema of a mapped property, and whether it is the bare string fallback. */
export interface InferredType {
  schema: JsonSchema;
  /** No rule below applied: declared a string, so values of other types are written as str(value). */
  isFallback: boolean;
}

const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });

const CALL_TYPES: Record<string, string> = {
  str: 'string',
  md5: 'string',
  sha256: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
};

/**
 * A mapped property's schema, as the SDK decides it and a little more (always nullable, since an input may be
 * None): (1) an outermost cast or hash sets it (`int(...)` integer, `md5(...)` string); (2) else a property
 * that already exists keeps its schema; (3) else it is inferred where the expression makes it certain (a
 * comparison or `not` is boolean, a literal its own type, a bare property reference that property's schema,
 * arithmetic on numbers a number); (4) else it is a string.
 */
export function inferType(expr: Expr, properties: Readonly<Record<string, JsonSchema>>, existing: JsonSchema | undefined): InferredType {
  if (expr.kind === 'call') return { schema: nullable(CALL_TYPES[expr.fn]!), isFallback: false };
  if (existing) return { schema: withNull(existing), isFallback: false };
  const inferred = infer(expr, properties);
  return inferred ? { schema: withNull(inferred), isFallback: false } : { schema: nullable('string'), isFallback: true };
}

function infer(expr: Expr, properties: Readonly<Record<string, JsonSchema>>): JsonSchema | undefined {
  switch (expr.kind) {
    case 'literal': {
      const v = expr.value;
      if (typeof v === 'string') return { type: 'string' };
      if (typeof v === 'boolean') return { type: 'boolean' };
      if (typeof v === 'number') return { type: Number.isInteger(v) ? 'integer' : 'number' };
      return undefined;
    }
    case 'name':
      return Object.hasOwn(properties, expr.name) ? properties[expr.name] : undefined;
    case 'subscript': {
      const { object, index } = expr;
      const isRecordKey = object.kind === 'name' && (object.name === 'record' || object.name === '_');
      return isRecordKey && index.kind === 'literal' && typeof index.value === 'string' && Object.hasOwn(properties, index.value)
        ? properties[index.value]
        : undefined;
    }
    case 'call':
      return { type: CALL_TYPES[expr.fn]! };
    case 'compare':
      return { type: 'boolean' };
    case 'unary':
      return expr.op === 'not' ? { type: 'boolean' } : numeric(infer(expr.arg, properties), { type: 'integer' });
    case 'arithmetic':
      return inferArithmetic(expr, properties);
    case 'logical': {
      const [left, right] = [scalarType(infer(expr.left, properties)), scalarType(infer(expr.right, properties))];
      return left !== undefined && left === right ? { type: left } : undefined;
    }
  }
}

function inferArithmetic(
  expr: Extract<Expr, { kind: 'arithmetic' }>,
  properties: Readonly<Record<string, JsonSchema>>,
): JsonSchema | undefined {
  const left = scalarType(infer(expr.left, properties));
  const right = scalarType(infer(expr.right, properties));
  if (expr.op === '+' && (left === 'string' || right === 'string')) return { type: 'string' };
  const isNumber = (t: string | undefined) => t === 'integer' || t === 'number' || t === 'boolean';
  if (!isNumber(left) || !isNumber(right)) return undefined;
  if (expr.op === '/') return { type: 'number' };
  return { type: left === 'number' || right === 'number' ? 'number' : 'integer' };
}

function numeric(schema: JsonSchema | undefined, fallback: JsonSchema): JsonSchema | undefined {
  const type = scalarType(schema);
  if (type === 'number') return { type: 'number' };
  if (type === 'integer' || type === 'boolean') return fallback;
  return undefined;
}

/** The one non-null JSON type of a schema, if it has exactly one. */
function scalarType(schema: JsonSchema | undefined): string | undefined {
  const type = schema?.type;
  if (typeof type === 'string') return type;
  if (!Array.isArray(type)) return undefined;
  const types = (type as string[]).filter((t) => t !== 'null');
  return types.length === 1 ? types[0] : undefined;
}

/** The schema with null allowed (an expression's input may be None). */
export function withNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (typeof type === 'string') return type === 'null' ? schema : { ...schema, type: [type, 'null'] };
  if (Array.isArray(type)) return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  return schema;
}
