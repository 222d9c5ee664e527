import type { JsonSchema, NormalizerOptions, RecordNormalizer } from './types.js';
import { toUtcSeconds } from './date-time.js';

/**
 * Fields the API sends that the schemas leave out on purpose, dropped without an unknown-field report.
 * `shipping_quotes` is a `{url, resource}` link the tap never follows (DESIGN: response URLs are not followed).
 */
export const KNOWN_DROPPED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  orders: ['orders.shipping_addresses[].shipping_quotes'],
};

/** Normalizes one value; compiled once per schema node. */
type Handler = (value: unknown) => unknown;

interface CompileContext {
  reportUnknown: (path: string) => void;
}

interface NodeTypes {
  hasObject: boolean;
  hasArray: boolean;
  hasNumeric: boolean;
  hasString: boolean;
  isNullable: boolean;
  isDateTime: boolean;
}

function readTypes(schema: JsonSchema): NodeTypes {
  const raw = schema['type'];
  const types = new Set<string>(typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as string[]) : []);
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
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `[]` and `{}`: how PHP serializes an empty value. */
function isEmptyContainer(value: object): boolean {
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

function compileNumber(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') {
      if (value.length === 0) return isNullable ? null : value;
      return decimalTextToNumber(value);
    }
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}

function compileDateTime(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') {
      if (value.length === 0) return isNullable ? null : value;
      return toUtcSeconds(value) ?? value;
    }
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}

function compileString(isNullable: boolean): Handler {
  return (value) => {
    if (typeof value === 'string') return value;
    // The API sends some identifiers as either text or a number (payment_provider_id): one type per field.
    if (typeof value === 'number') return String(value);
    if (isNullable && typeof value === 'object' && value !== null && isEmptyContainer(value)) return null;
    return value;
  };
}

function compileArray(itemSchema: unknown, path: string, context: CompileContext): Handler | null {
  const item = isPlainObject(itemSchema) ? compileNode(itemSchema, `${path}[]`, context) : null;
  if (item === null) return null;
  return (value) => (Array.isArray(value) ? value.map(item) : value);
}

function compileObject(schema: JsonSchema, path: string, context: CompileContext): Handler {
  const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
  const handlers = new Map<string, Handler | null>();
  for (const [key, propertySchema] of Object.entries(properties)) {
    handlers.set(key, isPlainObject(propertySchema) ? compileNode(propertySchema, `${path}.${key}`, context) : null);
  }
  const prefix = `${path}.`;
  const { reportUnknown } = context;
  return (value) => {
    if (typeof value !== 'object' || value === null) return value;
    // PHP serializes an empty associative array as `[]`.
    if (Array.isArray(value)) return value.length === 0 ? {} : value;
    const raw = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key in raw) {
      const handler = handlers.get(key);
      if (handler === undefined) {
        reportUnknown(prefix + key);
        continue;
      }
      out[key] = handler === null ? raw[key] : handler(raw[key]);
    }
    return out;
  };
}

function compileMixed(schema: JsonSchema, types: NodeTypes, path: string, context: CompileContext): Handler {
  const object = types.hasObject ? compileObject(schema, path, context) : null;
  const array = types.hasArray ? compileArray(schema['items'], path, context) : null;
  const number = types.hasNumeric && !types.hasString ? compileNumber(types.isNullable) : null;
  const date = types.isDateTime && !types.hasNumeric ? compileDateTime(types.isNullable) : null;
  return (value) => {
    if (typeof value === 'string') return date !== null ? date(value) : number !== null ? number(value) : value;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      if (types.hasArray) return array === null ? value : array(value);
      if (object !== null) return object(value);
    } else if (object !== null) {
      return object(value);
    }
    if (types.isNullable && isEmptyContainer(value)) return null;
    return value;
  };
}

/** Returns the handler for one schema node, or null when values pass through untouched. */
function compileNode(schema: JsonSchema, path: string, context: CompileContext): Handler | null {
  const types = readTypes(schema);
  const { hasObject, hasArray, hasNumeric, hasString, isNullable, isDateTime } = types;
  if (hasObject || (hasArray && (hasNumeric || hasString))) return compileMixed(schema, types, path, context);
  if (hasArray) return compileArray(schema['items'], path, context);
  if (hasNumeric && !hasString) return compileNumber(isNullable);
  if (isDateTime && !hasNumeric) return compileDateTime(isNullable);
  if (hasString && !hasNumeric) return compileString(isNullable);
  return null;
}

/**
 * Compiles a stream schema once into a tree of small closures that normalize raw API records: decimal strings
 * become numbers, date-times become `YYYY-MM-DDTHH:MM:SSZ` UTC, `""` becomes null where the schema allows
 * null, `[]` becomes `{}` where the schema wants an object, and properties the schema lacks are dropped and
 * reported once per distinct path (`orders.products[].x`). Values of any other wrong shape pass through for
 * validation to report.
 */
export function compileNormalizer(
  schema: JsonSchema,
  streamName: string,
  options: NormalizerOptions = {},
): RecordNormalizer {
  const { onUnknownField } = options;
  const seen = new Set<string>(KNOWN_DROPPED_FIELDS[streamName] ?? []);
  const reportUnknown = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    onUnknownField?.(path);
  };
  const normalizeRecord = compileObject(schema, streamName, { reportUnknown });
  return (raw) => normalizeRecord(raw) as Record<string, unknown>;
}
