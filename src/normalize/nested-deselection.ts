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
