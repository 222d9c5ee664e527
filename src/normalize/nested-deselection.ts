import type { JsonSchema } from './types.js';

/**
 * Nested properties deselected in a catalog, as a tree of property names from the top level down: `null`
 * removes the property, a subtree descends into it (through array items, wherever the value is an array).
 * Top-level names are never `null` here: top-level deselection is `SelectedStream.selectedFields`.
 * E.g. `{ addresses: { phone: null }, primary_image: { url_standard: null } }`.
 */
export interface NestedDeselection {
  readonly [property: string]: NestedDeselection | null;
}

/** Removes the deselected nested properties from a record; compiled once per stream, applied per record. */
export type RecordPruner = (record: Record<string, unknown>) => Record<string, unknown>;

type ValuePruner = (value: unknown) => unknown;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds one path (top level first, at least two names) to a tree, returning the new tree. */
export function addDeselectedPath(tree: NestedDeselection, path: readonly string[]): NestedDeselection {
  const [head, ...rest] = path;
  if (head === undefined) return tree;
  if (rest.length === 0) return { ...tree, [head]: null };
  const existing = tree[head];
  // A property already removed whole stays removed: a deeper path inside it changes nothing.
  if (existing === null) return tree;
  return { ...tree, [head]: addDeselectedPath(existing ?? {}, rest) };
}

/** The schema without the deselected nested properties (array `items` are stepped through). */
export function deselectInSchema(schema: JsonSchema, tree: NestedDeselection): JsonSchema {
  const properties = schema.properties;
  if (isPlainObject(properties)) {
    const kept: Record<string, unknown> = {};
    for (const [name, node] of Object.entries(properties)) {
      const sub = tree[name];
      if (sub === null) continue;
      kept[name] = sub === undefined || !isPlainObject(node) ? node : deselectInSchema(node, sub);
    }
    const required = Array.isArray(schema.required) ? (schema.required as string[]).filter((name) => name in kept) : undefined;
    return { ...schema, properties: kept, ...(required ? { required } : {}) };
  }
  if (isPlainObject(schema.items)) return { ...schema, items: deselectInSchema(schema.items, tree) };
  return schema;
}

/**
 * A function that removes the tree's nested properties from a record, built once: each level knows which
 * names it drops and which it descends into, so a record costs one copy per object on a deselected path.
 */
export function compileNestedDeselection(tree: NestedDeselection): RecordPruner {
  const descend: Array<[string, ValuePruner]> = Object.entries(tree).map(([name, sub]) => [name, compileValue(sub ?? {})]);
  return (record) => {
    const out = { ...record };
    for (const [name, prune] of descend) {
      if (name in out) out[name] = prune(out[name]);
    }
    return out;
  };
}

function compileValue(tree: NestedDeselection): ValuePruner {
  const removed = new Set<string>();
  const descend = new Map<string, ValuePruner>();
  for (const [name, sub] of Object.entries(tree)) {
    if (sub === null) removed.add(name);
    else descend.set(name, compileValue(sub));
  }
  const pruneObject = (value: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key in value) {
      if (removed.has(key)) continue;
      const prune = descend.get(key);
      out[key] = prune ? prune(value[key]) : value[key];
    }
    return out;
  };
  const prune: ValuePruner = (value) => {
    if (Array.isArray(value)) return value.map(prune);
    return isPlainObject(value) ? pruneObject(value) : value;
  };
  return prune;
}
