import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import type { JsonSchema } from '../../src/normalize/types.js';
import { findStream } from '../../src/streams/index.js';
import { type RawRecord, readReferenceExample } from './helpers.js';

const CATALOG_STREAMS = ['product_variants', 'category_trees', 'categories', 'brands'] as const;

/** Normalizes and validates each record; returns the normalized records, the problems and the unknown fields met. */
function check(stream: string, records: RawRecord[]) {
  const schema = loadStreamSchema(stream);
  const unknown: string[] = [];
  const normalize = compileNormalizer(schema, stream, { onUnknownField: (path) => unknown.push(path) });
  const validate = compileValidator(schema);
  const normalized = records.map((raw) => normalize(raw) as RawRecord);
  const problems = normalized.map((record) => validate(record)).filter((problem) => problem !== null);
  return { normalized, problems, unknown };
}

describe('catalog stream schemas', () => {
  it.each(CATALOG_STREAMS)('%s declares its key as a non-null integer, with no required or additionalProperties', (stream) => {
    const schema = loadStreamSchema(stream);
    const [key] = findStream(stream)!.key;
    expect((schema['properties'] as Record<string, JsonSchema>)[key!]).toEqual({ type: 'integer' });
    expect(schema['required']).toBeUndefined();
    expect(schema['additionalProperties']).toBeUndefined();
  });

  it.each([
    ['product_variants', 'product_variants_list_v3', 3],
    ['brands', 'brands_list_v3', 15],
    ['category_trees', 'category_trees_list_v3', 1],
    ['categories', 'categories_list_v3', 1],
  ] as const)('%s: the spec example (%s) normalizes to valid records with no unknown field', (stream, example, count) => {
    const records = readReferenceExample<{ data: RawRecord[] }>(example).data;
    expect(records).toHaveLength(count);
    const result = check(stream, records);
    expect({ problems: result.problems, unknown: result.unknown }).toEqual({ problems: [], unknown: [] });
  });

  it("a variant's map_price sent as {} (the spec example's PHP empty value) becomes null", () => {
    const [variant] = check('product_variants', readReferenceExample<{ data: RawRecord[] }>('product_variants_list_v3').data).normalized;
    expect(variant).toMatchObject({ id: 382, product_id: 192, map_price: null, price: 10, calculated_price: 10 });
  });
});
