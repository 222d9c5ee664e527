import type { JsonSchema } from './types.js';
import { isPlainObject, type NodeTypes } from './value-handlers.js';

/**
 * The keywords an inline check understands. A schema that uses any other validation keyword anywhere (`enum`,
 * `required`, `minimum`, `pattern`, `anyOf`, a format other than date-time, tuple `items`...) is validated by
 * ajv for every record instead.
 */
const UNDERSTOOD = new Set([
  'type',
  'properties',
  'items',
  'format',
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
]);

/** True when the normalizer's inline checks can tell "certainly valid" for every record of this schema. */
export function isInlineCheckable(schema: JsonSchema): boolean {
  for (const [keyword, value] of Object.entries(schema)) {
    if (!UNDERSTOOD.has(keyword)) return false;
    if (keyword === 'format' && value !== 'date-time') return false;
    if (keyword === 'items' && !(isPlainObject(value) && isInlineCheckable(value))) return false;
    if (keyword === 'properties') {
      if (!isPlainObject(value)) return false;
      for (const property of Object.values(value)) if (!isPlainObject(property) || !isInlineCheckable(property)) return false;
    }
    if (keyword === 'type' && !isTypeList(value)) return false;
  }
  return true;
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

function isTypeList(value: unknown): boolean {
  const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.length > 0 && list.every((t) => typeof t === 'string' && JSON_TYPES.has(t));
}

/**
 * A JavaScript expression over `w` that is true only when `w` certainly has a type the node allows (and, for a
 * date-time string, passes `isDateTime`, the very function ajv uses). Children of objects and arrays are
 * checked where they are normalized. False means "maybe invalid": ajv decides.
 */
export function typeCheckSource(types: NodeTypes): string {
  const { names } = types;
  if (names.size === 0) return 'true';
  const parts: string[] = [];
  if (names.has('string')) parts.push(types.isDateTime ? '(typeof w === "string" && isDateTime(w))' : 'typeof w === "string"');
  if (names.has('number')) parts.push('typeof w === "number"');
  else if (names.has('integer')) parts.push('Number.isInteger(w)');
  if (names.has('boolean')) parts.push('typeof w === "boolean"');
  if (names.has('null')) parts.push('w === null');
  if (names.has('object')) parts.push('(typeof w === "object" && w !== null && !Array.isArray(w))');
  if (names.has('array')) parts.push('Array.isArray(w)');
  return parts.join(' || ');
}

/** The same check as a function, for array items. */
export function compileTypeCheck(types: NodeTypes, isDateTime: (text: string) => boolean): (w: unknown) => boolean {
  return new Function('isDateTime', `return (w) => ${typeCheckSource(types)};`)(isDateTime) as (w: unknown) => boolean;
}
