import { describe, expect, it } from 'vitest';
import { compileFlattener, flattenKey } from '../../src/maps/flatten.js';
import { compileMapPlan } from '../../src/maps/map-plan.js';

// The Meltano SDK's own flatten_schema doctest schema (helpers/_flattening.py).
const nested = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    foo: {
      type: 'object',
      properties: {
        bar: { type: 'object', properties: { baz: { type: 'object', properties: { qux: { type: 'string' } } } } },
      },
    },
  },
};
const nullableNested = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    foo: {
      type: ['object', 'null'],
      properties: {
        bar: { type: ['object', 'null'], properties: { baz: { type: ['object', 'null'], properties: { qux: { type: 'string' } } } } },
      },
    },
  },
};
const options = (maxDepth: number) => ({ maxDepth, maxKeyLength: 255 });

describe('flattening: schema (as the SDK flattens it)', () => {
  it.each([
    [0, nested.properties],
    [1, { id: { type: 'string' }, foo__bar: { type: 'string' } }],
    [2, { id: { type: 'string' }, foo__bar__baz: { type: 'string' } }],
    [3, { id: { type: 'string' }, foo__bar__baz__qux: { type: 'string' } }],
  ])('max depth %i', (depth, properties) => {
    expect(compileFlattener(nested, options(depth)).schema).toEqual({ type: 'object', properties });
  });

  it('an object or array encoded as JSON text is a nullable string when it was nullable', () => {
    expect(compileFlattener(nullableNested, options(1)).schema.properties).toEqual({
      id: { type: 'string' },
      foo__bar: { type: ['string', 'null'] },
    });
    const withArrays = {
      type: 'object',
      properties: {
        tags: { type: ['array', 'null'], items: { type: 'string' } },
        sizes: { type: 'array', items: { type: 'integer' } },
        anything: {},
      },
      required: ['tags'],
    };
    // Arrays are strings at any depth, even 0; untyped properties too.
    expect(compileFlattener(withArrays, options(0)).schema).toEqual({
      type: 'object',
      properties: { tags: { type: ['string', 'null'] }, sizes: { type: 'string' }, anything: { type: ['string', 'null'] } },
      required: ['tags'],
    });
  });

  it('a column named twice is an error', () => {
    const clash = {
      type: 'object',
      properties: { a__b: { type: 'string' }, a: { type: 'object', properties: { b: { type: 'string' } } } },
    };
    expect(() => compileFlattener(clash, options(1))).toThrow('flattening produces the column "a__b" twice');
  });
});

describe('flattening: records', () => {
  it('writes parent__child columns up to the depth, JSON text below it and for arrays; keeps scalars', () => {
    const flattener = compileFlattener(nullableNested, options(1));
    expect(flattener.flatten({ id: 'x', foo: { bar: { baz: { qux: 'deep' } } } })).toEqual({ id: 'x', foo__bar: '{"baz":{"qux":"deep"}}' });
    expect(flattener.flatten({ id: 'x', foo: { bar: null } })).toEqual({ id: 'x', foo__bar: null });
    // A null parent object writes no child columns (they read as null in the target).
    expect(flattener.flatten({ id: 'x', foo: null })).toEqual({ id: 'x' });
    expect(compileFlattener(nested, options(3)).flatten({ id: 'x', foo: { bar: { baz: { qux: 'deep' } } } })).toEqual({
      id: 'x',
      foo__bar__baz__qux: 'deep',
    });
    const arrays = compileFlattener(
      { type: 'object', properties: { tags: { type: ['array', 'null'] }, n: { type: 'integer' }, any: {} } },
      options(2),
    );
    expect(arrays.flatten({ tags: ['a', 'b'], n: 3, any: 5 })).toEqual({ tags: '["a","b"]', n: 3, any: '5' });
    expect(arrays.flatten({ tags: null, n: 3, any: 'text' })).toEqual({ tags: null, n: 3, any: 'text' });
  });
});

describe('flattening: key length (the SDK flatten_key)', () => {
  it('abbreviates parent names, outermost first, while the key is at least the limit', () => {
    expect(flattenKey(['primary_image', 'url_standard'], 255)).toBe('primary_image__url_standard');
    expect(flattenKey(['primary_image', 'url_standard'], 27)).toBe('pi__url_standard');
    expect(flattenKey(['primary_image', 'url_standard'], 10)).toBe('pi__us');
    // One capital (or none) left: the first three letters instead.
    expect(flattenKey(['identifier', 'address1'], 5)).toBe('ide__a1');
    expect(flattenKey(['id', 'x'], 2)).toBe('id__x');
  });
});

describe('flattening with stream maps', () => {
  const source = {
    name: 'products',
    keyProperties: ['id'],
    deselected: [],
    schema: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        primary_image: { type: ['object', 'null'], properties: { url_standard: { type: ['string', 'null'] }, id: { type: 'integer' } } },
        variants: { type: ['array', 'null'], items: { type: 'object' } },
      },
    },
  };
  it('flattens after mapping; a tombstone keeps its key', () => {
    const plan = compileMapPlan(
      { streamMaps: { products: { variants: null, image_host: "str(primary_image['url_standard'])" } }, flattening: options(1) },
      [source],
      ['products'],
    );
    const [output] = plan.outputsOf('products');
    expect(output!.schema.properties).toEqual({
      id: { type: 'integer' },
      primary_image__url_standard: { type: ['string', 'null'] },
      primary_image__id: { type: 'integer' },
      image_host: { type: ['string', 'null'] },
    });
    expect(output!.mapRecord({ id: 1, primary_image: { url_standard: 'https://x/1.jpg', id: 9 }, variants: [{}] })).toEqual({
      id: 1,
      primary_image__url_standard: 'https://x/1.jpg',
      primary_image__id: 9,
      image_host: 'https://x/1.jpg',
    });
    expect(output!.mapTombstone({ id: 1, _sdc_deleted_at: '2024-01-01T00:00:00Z' })).toEqual({
      id: 1,
      _sdc_deleted_at: '2024-01-01T00:00:00Z',
    });
  });

  it('a key property that is an object would be flattened away: a config error', () => {
    expect(() =>
      compileMapPlan(
        { streamMaps: { products: { __key_properties__: ['primary_image'] } }, flattening: options(1) },
        [source],
        ['products'],
      ),
    ).toThrow('flattening stream "products": the key property "primary_image" is an object and would be flattened away');
  });
});
