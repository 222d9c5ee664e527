import { compileTypeCheck, isInlineCheckable, typeCheckSource } from './type-checks.js';
import type { JsonSchema, NormalizerOptions, RecordNormalizer } from './types.js';
import {
  compileDateTime,
  compileNumber,
  compileString,
  type Handler,
  isEmptyContainer,
  isPlainObject,
  type NodeTypes,
  readTypes,
} from './value-handlers.js';

/**
 * Fields the records carry that the schemas leave out on purpose, dropped without an unknown-field report (and
 * at no cost: the generated code counts them as known). `shipping_quotes` is a `{url, resource}` link the tap
 * never follows (DESIGN: response URLs are not followed). An order's embedded consignments serve as its
 * shipping addresses and `consignments` field as they are (order-consignments.ts): their `line_items` (in
 * `products`), the `line_item_ids` and `order_id` given to them, are dropped where the schema lacks them.
 */
export const KNOWN_DROPPED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  orders: [
    'orders.shipping_addresses[].shipping_quotes',
    'orders.shipping_addresses[].line_items',
    'orders.shipping_addresses[].line_item_ids',
    ...['pickups', 'shipping', 'downloads', 'email.gift_certificates'].flatMap((kind) => [
      `orders.consignments.${kind}[].line_items`,
      `orders.consignments.${kind}[].shipping_quotes`,
      `orders.consignments.${kind}[].order_id`,
    ]),
  ],
  order_shipping_addresses: [
    'order_shipping_addresses.shipping_quotes',
    'order_shipping_addresses.line_items',
    'order_shipping_addresses.line_item_ids',
  ],
};

/** KNOWN_DROPPED_FIELDS of a stream by the path of the object holding them: `orders.shipping_addresses[]` -> keys. */
function droppedByObjectPath(streamName: string): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const path of KNOWN_DROPPED_FIELDS[streamName] ?? []) {
    const dot = path.lastIndexOf('.');
    const parent = path.slice(0, dot);
    byPath.set(parent, [...(byPath.get(parent) ?? []), path.slice(dot + 1)]);
  }
  return byPath;
}

/** Per record: false once a value the schema may reject was written (null: types are not checked). */
interface CheckState {
  isValid: boolean;
}

interface CompileContext {
  reportUnknown: (path: string) => void;
  /** Keys dropped silently, by the path of the object holding them. */
  droppedAt: ReadonlyMap<string, readonly string[]>;
  check: CheckState | null;
  isDateTime: (text: string) => boolean;
}

type ObjectFactory = (
  handlers: readonly Handler[],
  reportUnknowns: (raw: Record<string, unknown>) => void,
  hasOwn: (raw: object, key: string) => boolean,
  check: CheckState | null,
  isDateTime: (text: string) => boolean,
) => Handler;

/** One emitted property of a generated object function. */
interface EmittedKey {
  key: string;
  /** Index into the handlers, or -1 when the value passes as is. */
  handler: number;
  /** A null value is left out of the output instead of written. */
  omitsNull: boolean;
  /** The inline type check of the output value `w`, or null when types are not checked. */
  check: string | null;
}

/** Reads `key` of `raw`: keys inherited from Object.prototype (`constructor`, ...) are read as own properties only. */
function readSource(key: string): string {
  const literal = JSON.stringify(key);
  return key in Object.prototype ? `hasOwn(raw, ${literal}) ? raw[${literal}] : undefined` : `raw[${literal}]`;
}

/**
 * Generates one function per object schema with the property names as literals: named loads and stores that
 * V8 keeps monomorphic, where a generic loop over keys would make every access a dictionary lookup.
 * `silent`: keys the full schema knows but the selection leaves out: counted (so they are not reported as
 * unknown), never copied.
 */
function generateObjectFactory(emitted: readonly EmittedKey[], silent: readonly string[]): ObjectFactory {
  const lines = emitted.map(({ key, handler, omitsNull, check }) => {
    const literal = JSON.stringify(key);
    const convert = handler < 0 ? 'w = v;' : `w = h${handler}(v);`;
    const verify = check === null ? '' : ` if (!(${check})) check.isValid = false;`;
    const store = `${convert}${verify} out[${literal}] = w;`;
    return `v = ${readSource(key)}; if (v !== undefined) { n++; ${omitsNull ? `if (v !== null) { ${store} }` : store} }`;
  });
  for (const key of silent) lines.push(`if (${readSource(key)} !== undefined) n++;`);
  const locals = [...new Set(emitted.map((e) => e.handler).filter((index) => index >= 0))].map(
    (index) => `const h${index} = handlers[${index}];`,
  );
  const body = `${locals.join('\n')}
return function normalizeObject(raw) {
  if (typeof raw !== 'object' || raw === null) return raw;
  if (Array.isArray(raw)) return raw.length === 0 ? {} : raw;
  const out = {};
  let n = 0;
  let v;
  let w;
  ${lines.join('\n  ')}
  let total = 0;
  for (const _ in raw) total++;
  if (total !== n) reportUnknowns(raw);
  return out;
};`;
  return new Function('handlers', 'reportUnknowns', 'hasOwn', 'check', 'isDateTime', body) as ObjectFactory;
}

/**
 * `schema` is what to emit (the selected properties); `known` the stream's full schema at the same place, whose
 * other properties are dropped without a report (deselected, not unknown).
 */
function compileObject(schema: JsonSchema, known: JsonSchema | undefined, path: string, context: CompileContext): Handler {
  const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
  const knownProperties = known && isPlainObject(known['properties']) ? known['properties'] : properties;
  const keys = Object.keys(properties);
  const handlers: Handler[] = [];
  // A null object is left out: singer-check-tap (singer-tools 0.4.1) walks every `properties` schema with a
  // `format` property and calls `.get` on the value, which crashes on null (products without a primary_image).
  // An absent optional property is as valid as a null one; null scalars stay.
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const emitted = keys.map((key): EmittedKey => {
    const propertySchema = properties[key];
    const knownSchema = knownProperties[key];
    const node = isPlainObject(propertySchema) ? propertySchema : {};
    const handler = compileNode(node, isPlainObject(knownSchema) ? knownSchema : undefined, `${path}.${key}`, context);
    if (handler !== null) handlers.push(handler);
    const types = readTypes(node);
    return {
      key,
      handler: handler === null ? -1 : handlers.length - 1,
      omitsNull: types.hasObject && !required.includes(key),
      check: context.check === null ? null : typeCheckSource(types),
    };
  });
  const dropped = context.droppedAt.get(path) ?? [];
  const silent = [...new Set([...Object.keys(knownProperties), ...dropped])].filter((key) => !(key in properties));
  const knownKeys = new Set([...Object.keys(knownProperties), ...dropped]);
  const prefix = `${path}.`;
  const { reportUnknown } = context;
  const reportUnknowns = (raw: Record<string, unknown>): void => {
    for (const key in raw) if (!knownKeys.has(key)) reportUnknown(prefix + key);
  };
  const hasOwn = (raw: object, key: string): boolean => Object.hasOwn(raw, key);
  return generateObjectFactory(emitted, silent)(handlers, reportUnknowns, hasOwn, context.check, context.isDateTime);
}

function compileArray(itemSchema: unknown, knownItems: unknown, path: string, context: CompileContext): Handler | null {
  const node = isPlainObject(itemSchema) ? itemSchema : null;
  const item = node === null ? null : compileNode(node, isPlainObject(knownItems) ? knownItems : undefined, `${path}[]`, context);
  const { check } = context;
  if (check === null || node === null) return item === null ? null : (value) => (Array.isArray(value) ? value.map(item) : value);
  const isValidItem = compileTypeCheck(readTypes(node), context.isDateTime);
  return (value) => {
    if (!Array.isArray(value)) return value;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const w = item === null ? value[i] : item(value[i]);
      if (!isValidItem(w)) check.isValid = false;
      out[i] = w;
    }
    return out;
  };
}

function compileMixed(schema: JsonSchema, known: JsonSchema | undefined, types: NodeTypes, path: string, context: CompileContext): Handler {
  const object = types.hasObject ? compileObject(schema, known, path, context) : null;
  const array = types.hasArray ? compileArray(schema['items'], known?.['items'], path, context) : null;
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
function compileNode(schema: JsonSchema, known: JsonSchema | undefined, path: string, context: CompileContext): Handler | null {
  const types = readTypes(schema);
  const { hasObject, hasArray, hasNumeric, hasString, isNullable, isDateTime } = types;
  // An object type without a property list is any JSON object, as JSON Schema means it: kept as it came
  // (promotions' and/or/not item matchers, which nest three levels deep and hold no dates or decimals).
  if (hasObject && !hasArray && !isPlainObject(schema['properties'])) return null;
  if (hasObject || (hasArray && (hasNumeric || hasString))) return compileMixed(schema, known, types, path, context);
  if (hasArray) return compileArray(schema['items'], known?.['items'], path, context);
  if (hasNumeric && !hasString) return compileNumber(isNullable);
  if (isDateTime && !hasNumeric) return compileDateTime(isNullable);
  if (hasString && !hasNumeric) return compileString(isNullable);
  return null;
}

/** A normalizer that also tells whether the record it returned is certainly valid (see `compileCheckedNormalizer`). */
export interface CheckedNormalizer {
  normalize: RecordNormalizer;
  /**
   * True when every value of the last record normalized has a type its schema allows (date-times checked with
   * ajv's own format function): validating it would find nothing. False means "maybe not": validate it.
   * Always false when the schema uses a keyword the inline checks don't understand.
   */
  isLastValid(): boolean;
}

export interface CheckedNormalizerOptions extends NormalizerOptions {
  /** The stream's full schema: properties `schema` lacks (deselected) are dropped silently, not reported. */
  knownSchema?: JsonSchema;
  /** The date-time format check, the same function the validator uses; checks are off without it. */
  isDateTime?: (text: string) => boolean;
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
  return compileCheckedNormalizer(schema, streamName, options).normalize;
}

/**
 * `compileNormalizer` for a selection (`schema` narrowed from `knownSchema`: top-level and nested deselections
 * cost no copy), checking each value's type as it is written, in the same pass, so a record that certainly
 * conforms needs no second walk by the validator.
 */
export function compileCheckedNormalizer(
  schema: JsonSchema,
  streamName: string,
  options: CheckedNormalizerOptions = {},
): CheckedNormalizer {
  const { onUnknownField, isDateTime } = options;
  const seen = new Set<string>();
  const reportUnknown = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    onUnknownField?.(path);
  };
  const check: CheckState | null = isDateTime !== undefined && isInlineCheckable(schema) ? { isValid: false } : null;
  const droppedAt = droppedByObjectPath(streamName);
  const context: CompileContext = { reportUnknown, droppedAt, check, isDateTime: isDateTime ?? (() => false) };
  const normalizeRecord = compileObject(schema, options.knownSchema, streamName, context);
  if (check === null) return { normalize: (raw) => normalizeRecord(raw) as Record<string, unknown>, isLastValid: () => false };
  return {
    normalize: (raw) => {
      check.isValid = true;
      const record = normalizeRecord(raw);
      if (!isPlainObject(record)) check.isValid = false;
      return record as Record<string, unknown>;
    },
    isLastValid: () => check.isValid,
  };
}
