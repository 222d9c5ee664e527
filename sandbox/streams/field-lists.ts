/** `include_fields` / `exclude_fields` of the catalog lists: the record's id field always stays. */
import type { JsonObject } from '../data/context.js';
import type { RenderHook } from './spec.js';

function csv(value: string | null): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** The render hook of a list with field lists, keeping `idField` (`id`, `category_id`) whatever they say. */
export function fieldLists(idField: string): RenderHook {
  return {
    params: ['include_fields', 'exclude_fields'],
    render(body, query) {
      const include = csv(query.get('include_fields'));
      const exclude = csv(query.get('exclude_fields'));
      if (include.size === 0 && exclude.size === 0) return body;
      const out: JsonObject = {};
      for (const [key, value] of Object.entries(body)) {
        if (key !== idField && ((include.size > 0 && !include.has(key)) || exclude.has(key))) continue;
        out[key] = value;
      }
      return out;
    },
  };
}
