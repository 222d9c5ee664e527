import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV3, get } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 8, sizes: { products: 60 }, quota: null, clock: { now: () => NOW } });
});
afterAll(() => sandbox.close());

describe('brands', () => {
  test('ids 36-43 with no gaps; every product names one of them, by the same name', async () => {
    const brands = await allV3(sandbox, '/v3/catalog/brands');
    expect(brands.map((b) => b.id)).toEqual([36, 37, 38, 39, 40, 41, 42, 43]);
    expect(brands.slice(0, 5).map((b) => b.name)).toEqual(['BigCommerce', 'Common Good', 'Fog Linen Work', 'OFS', 'Sagaform']);
    const names = new Map(brands.map((b) => [b.id, b.name]));
    const products = await allV3(sandbox, '/v3/catalog/products');
    for (const product of products) {
      expect(names.has(product.brand_id), `product ${product.id} brand ${product.brand_id}`).toBe(true);
      expect(product.description).toContain(` by ${names.get(product.brand_id)}.`);
    }
  });

  test('the spec filters: id operators, name, sort=name (not id), field lists, single brand', async () => {
    expect((await allV3(sandbox, '/v3/catalog/brands?id:min=41')).map((b) => b.id)).toEqual([41, 42, 43]);
    expect((await allV3(sandbox, '/v3/catalog/brands?id:greater=41&id:less=43')).map((b) => b.id)).toEqual([42]);
    const byName = await allV3(sandbox, '/v3/catalog/brands?sort=name&direction=desc');
    expect(byName.map((b) => b.name)).toEqual([...byName.map((b) => b.name)].sort().reverse());
    expect((await get(sandbox, '/v3/catalog/brands?sort=id')).status).toBe(422);
    expect((await get(sandbox, '/v3/catalog/brands?name:like=linen')).body.data.map((b: any) => b.id)).toEqual([38]);
    expect((await get(sandbox, '/v3/catalog/brands?id=39&include_fields=name')).body.data).toEqual([{ id: 39, name: 'OFS' }]);
    expect((await get(sandbox, '/v3/catalog/brands/40')).body.data.name).toBe('Sagaform');
    expect((await get(sandbox, '/v3/catalog/brands/99')).status).toBe(404);
  });
});

describe('category trees and categories', () => {
  test('two trees by default, tree n on channel n; channel_id:in and id:in filter them; anything else is a 422', async () => {
    expect(await allV3(sandbox, '/v3/catalog/trees')).toEqual([
      { id: 1, name: 'Main storefront', channels: [1] },
      { id: 2, name: 'Wholesale storefront', channels: [2] },
    ]);
    expect((await get(sandbox, '/v3/catalog/trees?channel_id:in=2,5')).body.data.map((t: any) => t.id)).toEqual([2]);
    expect((await get(sandbox, '/v3/catalog/trees?id:in=1')).body.data.map((t: any) => t.id)).toEqual([1]);
    const page2 = await get(sandbox, '/v3/catalog/trees?limit=1&page=2');
    expect(page2.body.data.map((t: any) => t.id)).toEqual([2]);
    expect(page2.body.meta.pagination).toMatchObject({ total: 2, count: 1, current_page: 2, total_pages: 2 });
    expect((await get(sandbox, '/v3/catalog/trees?name=Main')).status).toBe(422);
  });

  test("categories belong to trees: tree 1 holds 18-40 (every product's categories), each parent in the same tree", async () => {
    const categories = await allV3(sandbox, '/v3/catalog/trees/categories');
    expect(categories.map((c) => c.category_id)).toEqual(Array.from({ length: 31 }, (_, k) => 18 + k));
    const byId = new Map(categories.map((c) => [c.category_id, c]));
    for (const category of categories) {
      expect([1, 2]).toContain(category.tree_id);
      if (category.parent_id !== 0) expect(byId.get(category.parent_id)?.tree_id).toBe(category.tree_id);
      const siblings = categories.filter((c) => c.tree_id === category.tree_id && c.parent_id === category.parent_id);
      expect(siblings.filter((c) => c.name === category.name)).toHaveLength(1);
    }
    const defaultTree = new Set(categories.filter((c) => c.tree_id === 1).map((c) => c.category_id));
    expect([...defaultTree]).toEqual(Array.from({ length: 23 }, (_, k) => 18 + k));
    for (const product of await allV3(sandbox, '/v3/catalog/products')) {
      for (const id of product.categories) expect(defaultTree.has(id), `product ${product.id} category ${id}`).toBe(true);
    }
    expect(byId.get(25)).toMatchObject({ parent_id: 18, tree_id: 1, url: { path: '/shop-all/mugs-cups/' } });
  });

  test('the spec filters, field lists, no sort; a deleted tree takes its categories along', async () => {
    const own = await startSandbox({ seed: 8, quota: null, clock: { now: () => NOW } });
    const tree2 = (await allV3(own, '/v3/catalog/trees/categories?tree_id:in=2')).map((c) => c.category_id);
    expect(tree2).toEqual([41, 42, 43, 44, 45, 46, 47, 48]);
    expect((await allV3(own, '/v3/catalog/trees/categories?tree_id:not_in=1')).map((c) => c.category_id)).toEqual(tree2);
    expect((await allV3(own, '/v3/catalog/trees/categories?category_id:in=20,44&include_fields=name')).map((c) => Object.keys(c))).toEqual([
      ['category_id', 'name'],
      ['category_id', 'name'],
    ]);
    expect((await allV3(own, '/v3/catalog/trees/categories?parent_id:in=41')).every((c) => c.parent_id === 41)).toBe(true);
    expect((await get(own, '/v3/catalog/trees/categories?sort=name')).status).toBe(422);
    own.deleteRecords('category_trees', [2]);
    expect((await allV3(own, '/v3/catalog/trees/categories')).map((c) => c.category_id)).toEqual(
      Array.from({ length: 23 }, (_, k) => 18 + k),
    );
    expect(own.snapshot('categories').some((c) => tree2.includes(c.id))).toBe(false);
    own.deleteRecords('categories', [40]);
    expect((await get(own, '/v3/catalog/trees/categories?category_id:in=39,40')).body.data.map((c: any) => c.category_id)).toEqual([39]);
    await own.close();
  });
});

describe('editVariant', () => {
  test("changes the variant in /v3/catalog/variants and in its product's variants, not the product's date_modified", async () => {
    const own = await startSandbox({ seed: 8, sizes: { products: 30 }, quota: null, clock: { now: () => NOW } });
    const products = await allV3(own, '/v3/catalog/products?include=variants');
    const product = products.find((p) => p.variants.length > 1)!;
    const [variant, other] = product.variants;
    const snapshotBefore = own.snapshot('products');
    own.editVariant(variant.id, { price: 123.45, inventory_level: 3 });
    own.editVariant(variant.id, { inventory_level: 2 });
    const edited = { ...variant, price: 123.45, calculated_price: 123.45, inventory_level: 2 };
    expect((await get(own, `/v3/catalog/variants?id=${variant.id}`)).body.data).toEqual([edited]);
    const after = (await get(own, `/v3/catalog/products/${product.id}?include=variants`)).body.data;
    expect(after.variants).toEqual([edited, other, ...product.variants.slice(2)]);
    expect(after.date_modified).toBe(product.date_modified);
    expect(own.snapshot('products')).toEqual(snapshotBefore);
    await own.close();
  });

  test('refuses a variant the store lacks, a field variants lack, and read-only fields, naming them', () => {
    const [variant] = sandbox.snapshot('product_variants');
    expect(() => sandbox.editVariant(999_999, { price: 1 })).toThrow('sandbox stream "product_variants" holds no record 999999');
    expect(() => sandbox.editVariant(Number(variant!.id), { prize: 1 })).toThrow(
      'sandbox stream "product_variants" records have no field "prize"',
    );
    expect(() => sandbox.editVariant(Number(variant!.id), { product_id: 1 })).toThrow(
      'sandbox stream "product_variants": field "product_id" is read-only',
    );
  });
});
