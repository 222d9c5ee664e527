import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from '../paths.js';
import type { JsonSchema } from './types.js';

const cache = new Map<string, JsonSchema>();

/** Reads `schemas/<name>.json` once per name; the returned object is shared, so do not mutate it. */
export function loadStreamSchema(name: string): JsonSchema {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const schema = JSON.parse(readFileSync(join(schemasDir, `${name}.json`), 'utf8')) as JsonSchema;
  cache.set(name, schema);
  return schema;
}
