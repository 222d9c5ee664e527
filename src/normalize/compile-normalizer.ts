import { toUtcSeconds } from './date-time.js';
import type { JsonSchema, NormalizerOptions, RecordNormalizer } from './types.js';

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
      // MySQL's zero date and a zero Unix time mean "no date", like v2's empty string.
      if (isNullable && (value.startsWith('0000-00-00') || value === '0')) return null;
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

type ObjectFactory = (
  handlers: readonly Handler[],
  reportUnknowns: (raw: Record<string, unknown>) => void,
  hasOwn: (raw: object, key: string) => boolean,
) => Handler;

/**
 * Generates one function per object schema with the property names as literals: named loads and stores that
 * V8 keeps monomorphic, where a generic loop over keys would make every access a dictionary lookup.
 * `omitsNull[i]`: a null value of that key is left out of the output instead of written.
 */
function generateObjectFactory(keys: readonly string[], handlerIndexes: readonly number[], omitsNull: readonly boolean[]): ObjectFactory {
  const lines: string[] = [];
  keys.forEach((key, i) => {
    const literal = JSON.stringify(key);
    const index = handlerIndexes[i] ?? -1;
    // Keys inherited from Object.prototype (`constructor`, ...) must be read as own properties only.
    const read = key in Object.prototype ? `hasOwn(raw, ${literal}) ? raw[${literal}] : undefined` : `raw[${literal}]`;
    const write = index < 0 ? 'v' : `h${index}(v)`;
    const store = omitsNull[i] ? `if (v !== null) out[${literal}] = ${write};` : `out[${literal}] = ${write};`;
    lines.push(`v = ${read}; if (v !== undefined) { n++; ${store} }`);
  });
  const locals = [...new Set(handlerIndexes.filter((index) => index >= 0))].map((index) => `const h${index} = handlers[${index}];`);
  const body = `${locals.join('\n')}
return function normalizeObject(raw) {
  if (typeof raw !== 'object' || raw === null) return raw;
  if (Array.isArray(raw)) return raw.length === 0 ? {} : raw;
  const out = {};
  let n = 0;
  let v;
  ${lines.join('\n  ')}
  let total = 0;
  for (const _ in raw) total++;
  if (total !== n) reportUnknowns(raw);
  return out;
};`;
  return new Function('handlers', 'reportUnknowns', 'hasOwn', body) as ObjectFactory;
}

function compileObject(schema: JsonSchema, path: string, context: CompileContext): Handler {
  const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
  const keys = Object.keys(properties);
  const handlers: Handler[] = [];
  const handlerIndexes = keys.map((key) => {
    const propertySchema = properties[key];
    const handler = isPlainObject(propertySchema) ? compileNode(propertySchema, `${path}.${key}`, context) : null;
    if (handler === null) return -1;
    handlers.push(handler);
    return handlers.length - 1;
  });
  // A null object is left out: singer-check-tap (singer-tools 0.4.1) walks every `properties` schema with a
  // `format` property and calls `.get` on the value, which crashes on null (products without a primary_image).
  // An absent optional property is as valid as a null one; null scalars stay.
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const omitsNull = keys.map((key) => {
    const propertySchema = properties[key];
    return isPlainObject(propertySchema) && readTypes(propertySchema).hasObject && !required.includes(key);
  });
  const known = new Set(keys);
  const prefix = `${path}.`;
  const { reportUnknown } = context;
  const reportUnknowns = (raw: Record<string, unknown>): void => {
    for (const key in raw) if (!known.has(key)) reportUnknown(prefix + key);
  };
  const hasOwn = (raw: object, key: string): boolean => Object.hasOwn(raw, key);
  return generateObjectFactory(keys, handlerIndexes, omitsNull)(handlers, reportUnknowns, hasOwn);
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
  // An object type without a property list is any JSON object, as JSON Schema means it: kept as it came
  // (promotions' and/or/not item matchers, which nest three levels deep and hold no dates or decimals).
  if (hasObject && !hasArray && !isPlainObject(schema['properties'])) return null;
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
 * reported once per distinct path (`orders.products[].x`), and a null object property is left out of the record.
 * An object schema without `properties` takes any object as it is.
 * Values of any other wrong shape pass through for validation to report.
 */
export function compileNormalizer(schema: JsonSchema, streamName: string, options: NormalizerOptions = {}): RecordNormalizer {
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
