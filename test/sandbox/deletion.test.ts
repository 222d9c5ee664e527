import { describe, expect, test } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { STREAM_NAMES } from '../../src/streams/index.js';
import { allV2, allV3, get, rfcToIso } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const STAMP = '2024-06-01T12:00:00Z';
const sizes = { coupons: 20, customers: 30, orders: 30, products: 30 };

describe('deleting records', () => {
  test('a deleted record leaves lists, counts, single routes, sub-resources and the snapshot', async () => {
    const sb = await startSandbox({ seed: 2, sizes, clock: { now: () => NOW } });
    const [a, b] = sb.snapshot('orders');
    sb.deleteRecords('orders', [a!.id, b!.id]);
    expect((await allV2(sb, '/v2/orders')).map((o) => o.id)).not.toContain(a!.id);
    expect((await get(sb, '/v2/orders/count')).body.count).toBe(28);
    expect((await get(sb, `/v2/orders/${a!.id}`)).status).toBe(404);
    expect((await get(sb, `/v2/orders/${a!.id}/products`)).status).toBe(404);
    expect(sb.snapshot('orders').map((r) => r.id)).not.toContain(b!.id);
    expect(sb.snapshot('orders')).toHaveLength(28);

    const coupon = sb.snapshot('coupons')[5]!;
    sb.deleteRecords('coupons', [coupon.id]);
    expect((await allV2(sb, '/v2/coupons')).map((c) => c.id)).not.toContain(coupon.id);
    expect((await get(sb, '/v2/coupons/count')).body).toEqual({ count: 19 });
    const customer = sb.snapshot('customers')[0]!;
    sb.deleteRecords('customers', [customer.id]);
    const page = await get(sb, '/v3/customers?limit=5');
    expect(page.body.meta.pagination.total).toBe(29);
    expect(page.body.data.map((c: any) => c.id)).not.toContain(customer.id);
    const product = sb.snapshot('products')[3]!;
    sb.deleteRecords('products', [product.id]);
    expect((await get(sb, `/v3/catalog/products/${product.id}`)).status).toBe(404);
    expect((await allV3(sb, '/v3/catalog/products')).length).toBe(29);

    expect(() => sb.deleteRecords('orders', [5])).toThrow('sandbox stream "orders" holds no record 5');
    expect(() => sb.deleteRecords('brands', [1])).toThrow('sandbox stream "brands" holds no record 1');
    expect(() => sb.deleteRecords('widgets', [1])).toThrow(`the sandbox serves no stream "widgets" (it serves ${STREAM_NAMES.join(', ')})`);
    await sb.close();
  });
});

describe('archiving orders', () => {
  test('an archived order is hidden from GET /v2/orders unless is_deleted=true, which lists only archived ones', async () => {
    const sb = await startSandbox({ seed: 2, sizes, clock: { now: () => NOW } });
    const before = await allV2(sb, '/v2/orders');
    const target = before[4];
    sb.archiveOrders([target.id], { touch: false });
    const after = await allV2(sb, '/v2/orders');
    expect(after.map((o) => o.id)).toEqual(before.filter((o) => o.id !== target.id).map((o) => o.id));
    const archived = await allV2(sb, '/v2/orders?is_deleted=true');
    expect(archived).toEqual([{ ...target, is_deleted: true }]);
    expect((await get(sb, `/v2/orders/${target.id}`)).body).toEqual({ ...target, is_deleted: true });
    expect((await get(sb, '/v2/orders/count')).body.count).toBe(29);
    expect((await get(sb, '/v2/orders/count?is_deleted=true')).body.count).toBe(1);
    expect(sb.snapshot('orders').find((r) => r.id === target.id)).toEqual({
      id: target.id,
      date_modified: rfcToIso(target.date_modified),
      is_deleted: true,
    });
    expect(() => sb.archiveOrders([99])).toThrow('sandbox stream "orders" holds no record 99');
    await sb.close();
  });

  test('archiving touches date_modified by default, or not (archiveTouchesRecord: false)', async () => {
    for (const archiveTouchesRecord of [true, false]) {
      const sb = await startSandbox({ seed: 2, sizes, clock: { now: () => NOW }, archiveTouchesRecord });
      const target = (await allV2(sb, '/v2/orders'))[2];
      sb.archiveOrders([target.id]);
      const [archived] = await allV2(sb, '/v2/orders?is_deleted=true');
      // Only date_modified moves (date_shipped, derived from the dates at generation, stays).
      expect({ ...archived, date_modified: 'x' }).toEqual({ ...target, is_deleted: true, date_modified: 'x' });
      expect(rfcToIso(archived.date_modified)).toBe(archiveTouchesRecord ? STAMP : rfcToIso(target.date_modified));
      await sb.close();
    }
  });
});

describe('live deletions and archives', () => {
  test('every change deletes records of every collection and archives orders', async () => {
    const sb = await startSandbox({
      seed: 2,
      sizes,
      clock: { now: () => NOW },
      liveChanges: { everyRequests: 1, modify: 0, create: 0, delete: 2, archive: 1 },
    });
    expect((await get(sb, '/v2/orders?limit=1')).status).toBe(200); // the change follows this list request
    for (const [stream, size] of Object.entries(sizes)) expect(sb.snapshot(stream), stream).toHaveLength(size - 2);
    const archived = sb.snapshot('orders').filter((r) => r.is_deleted);
    expect(archived).toHaveLength(1);
    expect(archived[0]!.date_modified).toBe(STAMP);
    const hidden = await get(sb, '/v2/orders?is_deleted=true');
    expect(hidden.body.map((o: any) => o.id)).toEqual([archived[0]!.id]);
    await sb.close();
  });
});
