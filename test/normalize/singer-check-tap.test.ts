import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { checkTapWalk } from '../helpers/singer-check-tap.js';
import { type RawRecord, readFixture } from './helpers.js';

const productsSchema = loadStreamSchema('products');
const rawProduct = (): RawRecord => ({ ...readFixture<RawRecord[]>('products')[0]! });

describe("singer-check-tap's set_defaults walk (singer-tools 0.4.1)", () => {
  it('crashes on a null object whose schema has formatted properties, as the tool does', () => {
    const record = { id: 1, primary_image: null };
    expect(() => checkTapWalk(productsSchema, record)).toThrow(
      "AttributeError: 'NoneType' object has no attribute 'get' (at record.primary_image, property date_modified)",
    );
  });

  it('passes a product without images once normalized: primary_image is left out, null scalars stay, the record is valid', () => {
    const raw = { ...rawProduct(), primary_image: null, sku: null, images: [] };
    const record = compileNormalizer(productsSchema, 'products')(raw);
    expect(record).not.toHaveProperty('primary_image');
    expect(record.sku).toBeNull();
    expect(record.images).toEqual([]);
    expect(() => checkTapWalk(productsSchema, record)).not.toThrow();
    expect(compileValidator(productsSchema)(record)).toBeNull();
  });

  it('leaves out null objects at any depth, keeps present ones', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        deleted_at: { type: ['string', 'null'], format: 'date-time' },
        address: {
          type: ['object', 'null'],
          properties: { updated: { type: ['string', 'null'], format: 'date-time' }, geo: { type: ['object', 'null'], properties: {} } },
        },
        kept: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' } } },
      },
      required: ['kept'],
    };
    const normalize = compileNormalizer(schema, 'things');
    expect(normalize({ id: 1, deleted_at: null, address: { updated: null, geo: null }, kept: { at: '2024-01-01T00:00:00Z' } })).toEqual({
      id: 1,
      deleted_at: null,
      address: { updated: null },
      kept: { at: '2024-01-01T00:00:00Z' },
    });
    // A required object stays, null or not: the record must stay valid against its schema.
    expect(normalize({ id: 2, address: null, kept: null })).toEqual({ id: 2, kept: null });
  });
});
