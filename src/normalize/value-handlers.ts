import { toUtcSeconds } from './date-time.js';
import type { JsonSchema } from './types.js';

/** Normalizes one value; compiled once per schema node. */
export type Handler = (value: unknown) => unknown;

/** The JSON types a schema node allows, as the normalizer reads them. */
export interface NodeTypes {
  hasObject: boolean;
  hasArray: boolean;
  hasNumeric: boolean;
  hasString: boolean;
  isNullable: boolean;
  isDateTime: boolean;
  /** Every type named (`integer` kept apart from `number`), for the inline type check. */
  names: ReadonlySet<string>;
}

export function readTypes(schema: JsonSchema): NodeTypes {
  const raw = schema['type'];
  const types = new Set<string>(typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as string[]) : []);
  const names = new Set(types);
  // A node without `type` but with `properties`/`items` is still an object/array for normalizing.
  if (types.size === 0 && isPlainObject(schema['properties'])) types.add('object');
  if (types.size === 0 && isPlainObject(schema['items'])) types.add('array');
  return {
    hasObject: types.has('object'),
    hasArray: types.has('array'),
    hasNumeric: types.has('number') || types.has('integer'),
    hasString: types.has('string'),
    isNullable: types.has('null'),
    isDateTime: types.has('string') && schema['format'] === 'date-time',
    names,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `[]` and `{}`: how PHP serializes an empty value. */
export function isEmptyContainer(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const _key in value) return false;
  return true;
}

/**
 * Decimal text as the v2 API sends it (`"12.5000"`, `"-3"`, `"0"`), as a number; otherwise the text itself.
 * Hex, binary and octal literals and surrounding blanks are not decimals and are left for validation to report.
 */
function decimalTextToNumber(text: string): unknown {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return text;
  if (!((last >= 48 && last <= 57) || last === 46)) return text;
  const second = text.charCodeAt(1);
  if (second === 120 || second === 88 || second === 98 || second === 66 || second === 111 || second === 79) return text;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : text;
}

export function compileNumber(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') {
      if (value.length === 0) return isNullable ? null : value;
      return decimalTextToNumber(value);
    }
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}

export function compileDateTime(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') {
      if (value.length === 0) return isNullable ? null : value;
      // MySQL's zero date and a zero Unix time mean "no date", like v2's empty string.
      if (isNullable && (value.startsWith('0000-00-00') || value === '0')) return null;
      return toUtcSeconds(value) ?? value;
    }
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}

export function compileString(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') return value;
    // The API sends some identifiers as either text or a number (payment_provider_id): one type per field.
    if (typeof value === 'number') return String(value);
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}
