import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import type { JsonSchema } from '../../src/normalize/types.js';
import { UNAVOIDABLE_UNIONS } from '../../src/normalize/unions.js';
import { STREAMS as REGISTRY } from '../../src/streams/index.js';
import { type RawRecord, rawOrdersWithSubResources, readFixture, readReferenceExample } from './helpers.js';

/** Every stream with an endpoint of its own (children carry their parent's id too). */
const TOP_LEVEL = REGISTRY.filter((s) => s.replication.method !== 'CHILD').map((s) => s.name);

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return schema['properties'] as Record<string, JsonSchema>;
}

/** Normalizes and validates each record; returns the problems and the unknown fields met. */
function check(stream: string, records: RawRecord[]): { problems: unknown[]; unknown: string[] } {
  const schema = loadStreamSchema(stream);
  const unknown: string[] = [];
  const normalize = compileNormalizer(schema, stream, { onUnknownField: (path) => unknown.push(path) });
  const validate = compileValidator(schema);
  const problems = records.map((raw) => ({ id: raw['id'], problem: validate(normalize(raw)) })).filter((result) => result.problem !== null);
  return { problems, unknown };
}

describe('stream schemas', () => {
  it.each(TOP_LEVEL)('%s declares its key non-null: an integer (the store: its hash, a string)', (stream) => {
    const key = REGISTRY.find((s) => s.name === stream)!.key[0]!;
    expect(propertiesOf(loadStreamSchema(stream))[key]).toEqual({ type: stream === 'store' ? 'string' : 'integer' });
  });

  it.each(['customers', 'orders', 'products', 'subscribers'])('%s declares the replication key date_modified', (stream) => {
    expect(propertiesOf(loadStreamSchema(stream))['date_modified']).toEqual({ type: 'string', format: 'date-time' });
  });

  it('coupons have no date_modified (the API has none)', () => {
    expect(propertiesOf(loadStreamSchema('coupons'))['date_modified']).toBeUndefined();
  });

  it.each(REGISTRY.map((s) => s.name))('%s is an object schema without required or additionalProperties', (stream) => {
    const schema = loadStreamSchema(stream);
    expect(schema['type']).toBe('object');
    expect(schema['required']).toBeUndefined();
    expect(schema['additionalProperties']).toBeUndefined();
  });

  it('loads each schema once', () => {
    expect(loadStreamSchema('orders')).toBe(loadStreamSchema('orders'));
  });

  it('lists the unavoidable unions, each present in its schema', () => {
    expect(UNAVOIDABLE_UNIONS.length).toBeGreaterThan(0);
    for (const union of UNAVOIDABLE_UNIONS) {
      let node: JsonSchema = loadStreamSchema(union.stream);
      for (const part of union.field.split('.')) {
        const isArray = part.endsWith('[]');
        node = propertiesOf(node)[isArray ? part.slice(0, -2) : part] as JsonSchema;
        if (isArray) node = node['items'] as JsonSchema;
      }
      expect(node['type']).toEqual(union.types);
    }
  });
});

describe('fixtures normalize to valid records with no unknown field', () => {
  it.each([
    ['coupons', () => readFixture<RawRecord[]>('coupons')],
    ['customers', () => readFixture<RawRecord[]>('customers')],
    ['orders', rawOrdersWithSubResources],
    ['products', () => readFixture<RawRecord[]>('products')],
  ] as const)('%s', (stream, load) => {
    const records = load();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(check(stream, records)).toEqual({ problems: [], unknown: [] });
  });
});

describe('reference examples normalize to valid records with no unknown field', () => {
  it('coupon.json and coupons_list_v2.json', () => {
    const records = [readReferenceExample<RawRecord>('coupon'), ...readReferenceExample<RawRecord[]>('coupons_list_v2')];
    expect(check('coupons', records)).toEqual({ problems: [], unknown: [] });
  });

  it('customer.json', () => {
    expect(check('customers', [readReferenceExample<RawRecord>('customer')])).toEqual({ problems: [], unknown: [] });
  });

  it('order.json with order_product.json, order_shipping_address.json, order_coupon.json', () => {
    const order = {
      ...readReferenceExample<RawRecord>('order'),
      products: [readReferenceExample<RawRecord>('order_product')],
      shipping_addresses: [readReferenceExample<RawRecord>('order_shipping_address')],
      coupons: [readReferenceExample<RawRecord>('order_coupon')],
    };
    expect(check('orders', [order])).toEqual({ problems: [], unknown: [] });
  });

  it('product.json', () => {
    expect(check('products', [readReferenceExample<RawRecord>('product')])).toEqual({ problems: [], unknown: [] });
  });
});
