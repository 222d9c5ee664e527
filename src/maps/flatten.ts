import type { JsonSchema } from '../normalize/types.js';

/** `flattening_max_depth` and `flattening_max_key_length`, as the Meltano SDK has them. */
export interface FlatteningOptions {
  maxDepth: number;
  maxKeyLength: number;
}

export interface Flattener {
  /** The flattened schema (SCHEMA carries it). */
  schema: JsonSchema;
  flatten(record: Record<string, unknown>): Record<string, unknown>;
}

/** A schema whose flattening would produce two columns of one name. */
export class FlatteningError extends Error {}

const SEPARATOR = '__';

/** How one property of the schema is written: as is, JSON-encoded, or expanded into `parent__child` columns. */
type Plan =
  | { kind: 'keep'; name: string; key: string }
  | { kind: 'encode'; name: string; key: string }
  | { kind: 'expand'; name: string; children: Plan[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typesOf = (node: JsonSchema): string[] =>
  typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : [];

/**
 * Compiles the SDK's schema flattening for one stream, schema and record from one plan: an object property
 * with `properties` above `maxDepth` becomes `parent__child` columns; an array, and (when `maxDepth` > 0) an
 * object below it, becomes a JSON string, nullable when it was. A null parent object writes no child columns.
 */
export function compileFlattener(schema: JsonSchema, options: FlatteningOptions): Flattener {
  const columns: Array<[string, JsonSchema]> = [];
  const plan = planProperties(schema, [], 0, options, columns);
  const seen = new Set<string>();
  for (const [key] of columns) {
    if (seen.has(key)) throw new FlatteningError(`flattening produces the column "${key}" twice`);
    seen.add(key);
  }
  const properties = Object.fromEntries(columns);
  const required = Array.isArray(schema.required) ? (schema.required as string[]).filter((k) => k in properties) : undefined;
  const flattened: JsonSchema = { ...schema, properties, ...(required ? { required } : {}) };
  const known = new Set(plan.map((p) => p.name));
  return {
    schema: flattened,
    flatten(record) {
      const out: Record<string, unknown> = {};
      writeColumns(plan, record, out);
      // Defensive: a top-level value the schema doesn't describe passes as it is rather than vanish.
      for (const key in record) if (!known.has(key)) out[key] = record[key];
      return out;
    },
  };
}

function planProperties(
  node: JsonSchema,
  parents: string[],
  level: number,
  options: FlatteningOptions,
  columns: Array<[string, JsonSchema]>,
): Plan[] {
  const properties = isPlainObject(node.properties) ? node.properties : {};
  return Object.entries(properties).map(([name, child]): Plan => {
    const childSchema = isPlainObject(child) ? child : {};
    const types = typesOf(childSchema);
    const key = flattenKey([...parents, name], options.maxKeyLength);
    if (types.includes('object') && isPlainObject(childSchema.properties) && level < options.maxDepth) {
      return { kind: 'expand', name, children: planProperties(childSchema, [...parents, name], level + 1, options, columns) };
    }
    // The SDK encodes an untyped property too; `anyOf` and the like can't be a column type.
    const isUntyped = types.length === 0;
    if (types.includes('array') || (types.includes('object') && options.maxDepth > 0) || isUntyped) {
      columns.push([key, { type: types.includes('null') || isUntyped ? ['string', 'null'] : 'string' }]);
      return { kind: 'encode', name, key };
    }
    columns.push([key, childSchema]);
    return { kind: 'keep', name, key };
  });
}

function writeColumns(plan: Plan[], value: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const p of plan) {
    const v = value[p.name];
    if (v === undefined) continue;
    if (p.kind === 'keep') out[p.key] = v;
    else if (p.kind === 'encode') out[p.key] = v === null || typeof v === 'string' ? v : JSON.stringify(v);
    else if (isPlainObject(v)) writeColumns(p.children, v, out);
  }
}

/**
 * The SDK's `flatten_key`: parts joined with `__`; while the key is `maxKeyLength` or longer, each part in
 * turn (outermost first) is abbreviated to the capitals of its CamelCase form (`primary_image` -> `pi`),
 * or its first three letters when that leaves one letter or none.
 */
export function flattenKey(parts: readonly string[], maxKeyLength: number): string {
  const reduced = [...parts];
  for (let i = 0; i < reduced.length && reduced.join(SEPARATOR).length >= maxKeyLength; i++) {
    const part = reduced[i]!;
    const capitals = camelize(part).replace(/[a-z]/g, '');
    reduced[i] = (capitals.length > 1 ? capitals : part.slice(0, 3)).toLowerCase();
  }
  return reduced.join(SEPARATOR);
}

/** Python `inflection.camelize`: the first letter and every letter after `_` upper-cased, the `_` removed. */
function camelize(text: string): string {
  return text.replace(/(?:^|_)(.)/gs, (_match, letter: string) => letter.toUpperCase());
}
