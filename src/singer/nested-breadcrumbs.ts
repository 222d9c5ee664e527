import { addDeselectedPath, type NestedDeselection } from '../normalize/nested-deselection.js';
import type { JsonSchema } from '../normalize/types.js';
import { nearestName } from '../text.js';
import type { MetadataEntry } from './catalog.js';

export interface NestedSelection {
  /** The nested properties to remove; null when the catalog deselects none. */
  tree: NestedDeselection | null;
  /** One line per deselecting entry that names no real property. */
  warnings: string[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a stream's nested metadata entries (breadcrumbs below a top-level property, as Meltano writes them:
 * `["properties","addresses","items","properties","phone"]`, or without the `items` step). Only entries that
 * deselect something count: Meltano writes `selected: true` for every nested property, which changes nothing
 * and is not worth a word; so is a deselection under a top-level property that is itself deselected. A
 * deselecting entry that names a property the schema doesn't have gets a warning naming the nearest real one.
 */
export function readNestedSelection(
  stream: string,
  schema: JsonSchema,
  metadata: readonly MetadataEntry[],
  isTopLevelDeselected: (property: string) => boolean,
): NestedSelection {
  let tree: NestedDeselection | null = null;
  const warnings: string[] = [];
  for (const entry of metadata) {
    const breadcrumb = entry.breadcrumb;
    if (!Array.isArray(breadcrumb) || breadcrumb.length <= 2) continue;
    const m = entry.metadata ?? {};
    const isDeselected = m.selected === false || (m.selected === undefined && m['selected-by-default'] === false);
    if (!isDeselected) continue;
    const top = breadcrumb[1];
    if (breadcrumb[0] === 'properties' && typeof top === 'string' && isTopLevelDeselected(top)) continue;
    const where = `Catalog metadata for ${stream} deselects ${breadcrumb.map(String).join('.')}`;
    const resolved = resolveBreadcrumb(schema, breadcrumb);
    if (typeof resolved === 'string') warnings.push(`${where}, ${resolved}; nothing is deselected there.`);
    else tree = addDeselectedPath(tree ?? {}, resolved);
  }
  return { tree, warnings };
}

/**
 * The property names a breadcrumb walks (`items` steps dropped), or why it can't be walked. An array's items
 * are entered with or without an explicit `items` step.
 */
function resolveBreadcrumb(schema: JsonSchema, breadcrumb: readonly unknown[]): string[] | string {
  let node: Record<string, unknown> = schema;
  const names: string[] = [];
  let i = 0;
  while (i < breadcrumb.length) {
    const step = breadcrumb[i];
    if (step === 'items' && isPlainObject(node.items)) {
      node = node.items;
      i += 1;
      continue;
    }
    const name = breadcrumb[i + 1];
    if (step !== 'properties' || typeof name !== 'string') {
      return 'which is not a property path (expected "properties", NAME pairs, with "items" after an array)';
    }
    if (!isPlainObject(node.properties) && isPlainObject(node.items)) node = node.items;
    const properties = isPlainObject(node.properties) ? node.properties : {};
    const child = properties[name];
    if (!isPlainObject(child)) {
      const owner = names.length === 0 ? 'the stream' : names.join('.');
      const candidates = Object.keys(properties);
      const nearest = nearestName(name, candidates);
      return nearest === undefined
        ? `but ${owner} has no nested properties`
        : `but ${owner} has no property "${name}" (nearest: "${nearest}")`;
    }
    names.push(name);
    node = child;
    i += 2;
  }
  return names;
}
