import { TapError } from '../errors.js';
import type { JsonSchema } from '../normalize/types.js';
import { nearestName } from '../text.js';
import { compileExpression, type Evaluator, type NameContext } from './expression-compiler.js';
import { ExpressionError, parseExpression } from './expression-parser.js';
import { inferType } from './expression-type.js';
import { ExpressionRuntimeError, isTruthy, toStr } from './python-values.js';
import type { StreamMapEntry } from './stream-map-config.js';

/** A stream the engine writes, as SCHEMA describes it: the input of its maps. */
export interface SourceStream {
  name: string;
  schema: JsonSchema;
  keyProperties: readonly string[];
  /** Top-level properties the catalog deselected (not in `schema`). */
  deselected: readonly string[];
}

/** How one output stream is made from its source's records (before flattening). */
export interface CompiledMap {
  name: string;
  keyProperties: string[];
  schema: JsonSchema;
  /** The mapped record, or null when `__filter__` drops it. */
  mapRecord(record: Record<string, unknown>): Record<string, unknown> | null;
  /** A tombstone's key (mapped like any record's), kept whatever the filter or property maps say. */
  mapKey(record: Record<string, unknown>): Record<string, unknown>;
}

/** An expression failed on a record (e.g. adding a number to a string): the sync stops. */
export class MapExpressionError extends TapError {}

/** The property tombstones (hard-deleted records) carry; never removed by a map. */
export const DELETED_AT = '_sdc_deleted_at';

type Property = { name: string; evaluate: Evaluator | null; coerceToString: boolean; text: string };

/** Binds one stream map to its source stream's schema; problems (config errors) are collected, not thrown. */
export function compileStreamMap(
  entry: StreamMapEntry,
  source: SourceStream,
  config: Record<string, unknown>,
  problems: string[],
): CompiledMap | null {
  const before = problems.length;
  const inputProperties = (source.schema.properties ?? {}) as Record<string, JsonSchema>;
  const names: NameContext = {
    properties: inputProperties,
    deselected: source.deselected,
    config,
    streamName: entry.name,
    sourceStreamName: source.name,
  };
  const where = (property: string) => `stream_maps.${entry.key}.${property}`;
  const keyProperties = entry.keyProperties === undefined ? [...source.keyProperties] : [...(entry.keyProperties ?? [])];
  const compile = (property: string, text: string): { evaluate: Evaluator; expr: ReturnType<typeof parseExpression> } | null => {
    try {
      const expr = parseExpression(text);
      return { evaluate: compileExpression(expr, names), expr };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push(`${where(property)}: ${JSON.stringify(text)}: ${error.message}`);
      return null;
    }
  };

  const kept = entry.isElseNull ? [...keyProperties, DELETED_AT] : Object.keys(inputProperties);
  const schemaProperties: Record<string, JsonSchema> = {};
  for (const name of kept) if (inputProperties[name]) schemaProperties[name] = inputProperties[name];
  const properties: Property[] = [];
  for (const [name, text] of entry.properties) {
    if (text === null) {
      const isProtected = keyProperties.includes(name) || name === DELETED_AT;
      if (isProtected) {
        problems.push(
          name === DELETED_AT
            ? `${where(name)}: ${DELETED_AT} marks deleted records and can't be removed`
            : `${where(name)}: "${name}" is a key property and can't be removed; set "__key_properties__" to a new key (or null) first`,
        );
      } else if (!(name in inputProperties) && !source.deselected.includes(name)) {
        const nearest = nearestName(name, Object.keys(inputProperties));
        problems.push(`${where(name)}: "${source.name}" has no property "${name}" to remove${nearest ? ` (nearest: "${nearest}")` : ''}`);
      }
      if (isProtected) continue;
      delete schemaProperties[name];
      properties.push({ name, evaluate: null, coerceToString: false, text: 'null' });
      continue;
    }
    const compiled = compile(name, text);
    if (!compiled) continue;
    const type = inferType(compiled.expr, inputProperties, inputProperties[name]);
    schemaProperties[name] = type.schema;
    properties.push({ name, evaluate: compiled.evaluate, coerceToString: type.isFallback, text });
  }
  const filter = entry.filter === null ? null : (compile('__filter__', entry.filter)?.evaluate ?? null);
  for (const key of keyProperties) {
    if (!(key in schemaProperties))
      problems.push(`stream_maps.${entry.key}.__key_properties__: "${key}" is not a property of the mapped stream`);
  }
  if (problems.length > before) return null;
  const schema: JsonSchema = { ...source.schema, properties: schemaProperties };
  if (Array.isArray(source.schema.required)) schema.required = (source.schema.required as string[]).filter((k) => k in schemaProperties);
  return buildMap(entry, source, { schema, keyProperties, properties, filter });
}

function buildMap(
  entry: StreamMapEntry,
  source: SourceStream,
  parts: { schema: JsonSchema; keyProperties: string[]; properties: Property[]; filter: Evaluator | null },
): CompiledMap {
  const { schema, keyProperties, properties, filter } = parts;
  const removed = new Set(properties.filter((p) => p.evaluate === null).map((p) => p.name));
  const mapped = properties.filter((p) => p.evaluate !== null);
  const byName = new Map(mapped.map((p) => [p.name, p]));
  const run = (property: string, text: string, evaluate: Evaluator, record: Record<string, unknown>, self: unknown): unknown => {
    try {
      return evaluate({ record, self });
    } catch (error) {
      if (!(error instanceof ExpressionRuntimeError)) throw error;
      const key = source.keyProperties.map((k) => `${k} ${JSON.stringify(record[k])}`).join(', ');
      throw new MapExpressionError(
        `stream_maps.${entry.key}.${property}: ${JSON.stringify(text)} failed on the ${source.name} record with ${key || 'no key'}: ${error.message}. Fix the expression (None values can be tested first, as in x != None and ...) and run again.`,
      );
    }
  };
  const apply = (p: Property, record: Record<string, unknown>): unknown => {
    const value = run(p.name, p.text, p.evaluate!, record, record[p.name]);
    // A new property of undeclared type is declared a string: keep the record true to it.
    return p.coerceToString && value !== null && typeof value !== 'string' ? toStr(value) : value;
  };
  return {
    name: entry.name,
    keyProperties,
    schema,
    mapRecord(record) {
      if (filter && !isTruthy(run('__filter__', entry.filter!, filter, record, null))) return null;
      let out: Record<string, unknown>;
      if (entry.isElseNull) {
        out = {};
        for (const key of [...keyProperties, DELETED_AT]) if (key in record && !byName.has(key)) out[key] = record[key];
      } else if (removed.size === 0) {
        out = { ...record };
      } else {
        out = {};
        for (const key in record) if (!removed.has(key)) out[key] = record[key];
      }
      for (const p of mapped) out[p.name] = apply(p, record);
      return out;
    },
    mapKey(record) {
      const out: Record<string, unknown> = {};
      for (const key of keyProperties) {
        const p = byName.get(key);
        out[key] = p ? apply(p, record) : record[key];
      }
      out[DELETED_AT] = record[DELETED_AT];
      return out;
    },
  };
}
