import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { type RawRecord, readReferenceExample } from './helpers.js';

describe('compileValidator', () => {
  const validateOrder = compileValidator(loadStreamSchema('orders'));

  it('accepts a normalized record', () => {
    expect(validateOrder({ id: 1, date_modified: '2024-05-01T10:00:00Z', total_tax: 0, date_shipped: null })).toBeNull();
  });

  it('reports field, expected and actual types for a wrong type', () => {
    expect(validateOrder({ id: 1, date_modified: '2024-05-01T10:00:00Z', total_tax: 'n/a' })).toEqual({
      field: '/total_tax',
      expected: 'number|null',
      actual: 'string',
      message: 'must be number,null',
    });
  });

  it('reports nested fields as a JSON pointer', () => {
    const problem = validateOrder({ id: 1, products: [{ id: 2, quantity: 1.5 }] });
    expect(problem).toMatchObject({ field: '/products/0/quantity', expected: 'integer|null', actual: 'number' });
  });

  it('reports a non-null key that arrives null', () => {
    expect(validateOrder({ id: null })).toMatchObject({ field: '/id', expected: 'integer', actual: 'null' });
  });

  it('reports a date-time that is not one', () => {
    expect(validateOrder({ id: 1, date_modified: 'Tue, 20 Nov 2012 00:00:00 +0000' })).toMatchObject({
      field: '/date_modified',
      expected: 'string (date-time)',
      actual: 'string "Tue, 20 Nov 2012 00:00:00 +0000"',
    });
  });

  it('rejects the raw reference order (v2 decimals are strings) and accepts it normalized', () => {
    const raw = { ...readReferenceExample<RawRecord>('order'), products: [], shipping_addresses: [], coupons: [] };
    expect(validateOrder(raw)).not.toBeNull();
    expect(validateOrder(compileNormalizer(loadStreamSchema('orders'), 'orders')(raw))).toBeNull();
  });

  it('compiles the same schema more than once without error (one shared Ajv)', () => {
    const again = compileValidator(loadStreamSchema('orders'));
    expect(again({ id: 'x' })).toMatchObject({ field: '/id', actual: 'string' });
  });
});
