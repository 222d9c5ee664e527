import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV3, get } from './helpers.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, sizes: { customers: 120, products: 130 } });
});
afterAll(() => sandbox.close());

const cursor = (id: number) => Buffer.from(`id:${id}`).toString('base64');

describe('v3 products', () => {
  test('envelope and links: first, middle and last page', async () => {
    const first = await get(sandbox, '/v3/catalog/products?limit=50');
    expect(first.status).toBe(200);
    const p = first.body.meta.pagination;
    expect(p).toEqual({
      total: 130,
      count: 50,
      per_page: 50,
      current_page: 1,
      total_pages: 3,
      links: { current: '?limit=50&page=1', next: '?limit=50&page=2' },
      too_many: false,
    });
    const middle = (await get(sandbox, '/v3/catalog/products?limit=50&page=2')).body.meta.pagination.links;
    expect(middle).toEqual({ previous: '?limit=50&page=1', current: '?limit=50&page=2', next: '?limit=50&page=3' });
    const last = (await get(sandbox, '/v3/catalog/products?limit=50&page=3')).body.meta.pagination;
    expect(last.count).toBe(30);
    expect(last.links).toEqual({ previous: '?limit=50&page=2', current: '?limit=50&page=3' });
    const past = await get(sandbox, '/v3/catalog/products?limit=50&page=9');
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
  });

  test('products: numbers as numbers, +00:00 dates, includes only on request', async () => {
    const plain = (await get(sandbox, '/v3/catalog/products?limit=5')).body.data[0];
    expect(typeof plain.price).toBe('number');
    expect(plain.date_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(plain).not.toHaveProperty('variants');
    expect(plain).not.toHaveProperty('images');
    const full = await allV3(sandbox, '/v3/catalog/products?include=variants,images,custom_fields,bulk_pricing_rules,primary_image,videos');
    expect(full).toHaveLength(130);
    for (const product of full) {
      expect(product.variants.length).toBeGreaterThanOrEqual(1);
      expect(product.variants.length).toBeLessThanOrEqual(4);
      expect(product.images.length).toBeLessThanOrEqual(3);
      expect(product.custom_fields.length).toBeLessThanOrEqual(2);
      expect(product.variants[0].product_id).toBe(product.id);
    }
    expect(full.some((p) => p.bulk_pricing_rules.length > 0)).toBe(true);
    expect(full.some((p) => p.images.length === 0)).toBe(true);
  });

  test('options/modifiers cap pages at 10; include_fields and exclude_fields', async () => {
    const capped = await get(sandbox, '/v3/catalog/products?limit=250&include=options');
    expect(capped.body.data).toHaveLength(10);
    expect(capped.body.meta.pagination.per_page).toBe(10);
    const only = (await get(sandbox, '/v3/catalog/products?limit=2&include_fields=name,date_modified')).body.data[0];
    expect(Object.keys(only).sort()).toEqual(['date_modified', 'id', 'name']);
    const without = (await get(sandbox, '/v3/catalog/products?limit=2&exclude_fields=id,description')).body.data[0];
    expect(without).toHaveProperty('id');
    expect(without).not.toHaveProperty('description');
  });

  test('single product', async () => {
    const got = await get(sandbox, '/v3/catalog/products/77');
    expect(got.body.data.id).toBe(77);
    expect(got.body.meta).toEqual({});
    expect((await get(sandbox, '/v3/catalog/products/5')).status).toBe(404);
  });
});

describe('v3 customers', () => {
  test('first page carries pagination and cursor_pagination; dates end in Z', async () => {
    const got = await get(sandbox, '/v3/customers?limit=10');
    const { pagination, cursor_pagination: cp } = got.body.meta;
    expect(pagination.links).toEqual({ current: '?limit=10&page=1', next: '?limit=10&page=2' });
    expect(pagination).not.toHaveProperty('too_many');
    const ids = got.body.data.map((c: any) => c.id);
    expect(cp).toEqual({
      count: 10,
      per_page: 10,
      start_cursor: cursor(ids[0]),
      end_cursor: cursor(ids[9]),
      links: { next: `?limit=10&after=${encodeURIComponent(cursor(ids[9]))}` },
    });
    expect(got.body.data[0].date_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(got.body.data[0]).not.toHaveProperty('addresses');
    const second = await get(sandbox, '/v3/customers?limit=10&page=2');
    expect(second.body.meta).not.toHaveProperty('cursor_pagination');
  });

  test('after/before walk id order and return only cursor_pagination', async () => {
    const all = (await allV3(sandbox, '/v3/customers')).map((c) => c.id);
    const seen: number[] = [];
    let next = '?limit=25';
    for (let guard = 0; guard < 20 && next; guard++) {
      const got = await get(sandbox, `/v3/customers${next}`);
      expect(got.status).toBe(200);
      seen.push(...got.body.data.map((c: any) => c.id));
      if (guard > 0) expect(got.body.meta).not.toHaveProperty('pagination');
      next = got.body.meta.cursor_pagination.links.next;
    }
    expect(seen).toEqual(all);
    const before = await get(sandbox, `/v3/customers?limit=3&before=${encodeURIComponent(cursor(all[10]!))}`);
    expect(before.body.data.map((c: any) => c.id)).toEqual(all.slice(7, 10));
    expect(before.body.meta.cursor_pagination.links.previous).toBeDefined();
    expect(Object.keys(before.body.meta)).toEqual(['cursor_pagination']);
  });

  test('includes', async () => {
    const got = await get(sandbox, '/v3/customers?limit=50&include=addresses,storecredit,attributes,formfields');
    for (const c of got.body.data) {
      expect(c.addresses).toHaveLength(c.address_count);
      expect(c.attributes).toHaveLength(c.attribute_count);
      expect(Array.isArray(c.form_fields)).toBe(true);
      expect(typeof c.store_credit_amounts[0].amount).toBe('number');
    }
  });

  test('empty result is 200 with data []', async () => {
    const got = await get(sandbox, '/v3/customers?id:in=999999');
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual([]);
    expect(got.body.meta.pagination.total).toBe(0);
  });
});
