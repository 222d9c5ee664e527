import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registeredStreams, type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { readOnlyScopes } from '../../sandbox/options.js';
import { allV2, allV3, get } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, clock: { now: () => NOW } });
});
afterAll(() => sandbox.close());

const ids = (records: Array<{ id: unknown }>) => records.map((r) => r.id);

describe('GET /v2/store', () => {
  test('one bare object keyed by the store hash; it has no list, no paging and cannot be deleted', async () => {
    const store = await get(sandbox, '/v2/store?page=2&limit=1');
    expect(store.status).toBe(200);
    expect(Array.isArray(store.body)).toBe(false);
    expect(store.body).toMatchObject({ id: 'sandbox1', currency: 'USD', default_channel_id: 1, country_code: 'US' });
    expect(sandbox.snapshot('store')).toEqual([{ id: 'sandbox1' }]);
    expect(() => sandbox.deleteRecords('store', ['sandbox1'])).toThrow('sandbox stream "store" is one object: it can\'t be deleted');
    expect(() => sandbox.deleteRecords('channels', ['sandbox1'])).toThrow('sandbox stream "channels" holds no record sandbox1');
  });

  test('`logo` is an object or, as the spec allows, an empty array, by seed', async () => {
    const logos: unknown[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const other = await startSandbox({ seed, quota: null });
      logos.push((await get(other, '/v2/store')).body.logo);
      await other.close();
    }
    expect(logos).toContainEqual([]);
    expect(logos).toContainEqual({ url: 'https://cdn11.bigcommerce.com/s-sandbox1/product_images/logo.png' });
  });
});

describe('the settings tables name what the other streams name', () => {
  test('orders: channel, currency and exchange rate, shipping zone, tax classes and pickup location', async () => {
    const channels = await allV3(sandbox, '/v3/channels');
    const currencies = await allV2(sandbox, '/v2/currencies');
    const zones = (await get(sandbox, '/v2/shipping/zones')).body as any[];
    const taxClassIds = new Set((await allV2(sandbox, '/v2/tax_classes')).map((t) => Number(t.id)));
    const locations = await allV3(sandbox, '/v3/inventory/locations');
    const orders = await allV2(sandbox, '/v2/orders?include=consignments,fees&consignment_structure=object');
    let pickups = 0;
    let fees = 0;
    for (const order of orders) {
      expect(ids(channels)).toContain(order.channel_id);
      const currency = currencies.find((c) => c.id === order.currency_id);
      expect(currency, `order ${order.id}'s currency ${order.currency_id}`).toBeDefined();
      expect(currency.currency_code).toBe(order.currency_code);
      expect(Number(currency.currency_exchange_rate)).toBe(Number(order.currency_exchange_rate));
      for (const shipping of order.consignments.shipping) {
        const zone = zones.find((z) => z.id === shipping.shipping_zone_id);
        expect(zone).toMatchObject({ name: shipping.shipping_zone_name, enabled: true });
        expect(taxClassIds).toContain(shipping.cost_tax_class_id);
      }
      for (const pickup of order.consignments.pickups) {
        pickups++;
        const location = locations.find((l) => l.id === pickup.location.id);
        expect(location).toMatchObject({
          code: pickup.location.code,
          label: pickup.location.name,
          address: { city: pickup.location.city },
        });
      }
      for (const fee of order.fees) {
        if (fee.tax_class_id === null || fee.tax_class_id === 0) continue;
        fees++;
        expect(taxClassIds).toContain(fee.tax_class_id);
      }
    }
    expect(pickups).toBeGreaterThan(0);
    expect(fees).toBeGreaterThan(0);
  });

  test('customers and the store: channel 1, the default storefront named after the store, and USD by default', async () => {
    const channels = await allV3(sandbox, '/v3/channels');
    const store = (await get(sandbox, '/v2/store')).body;
    expect(channels[0]).toMatchObject({ id: 1, name: store.name, type: 'storefront', platform: 'bigcommerce', status: 'active' });
    for (const customer of await allV3(sandbox, '/v3/customers')) {
      expect(ids(channels)).toContain(customer.origin_channel_id);
      for (const id of customer.channel_ids ?? []) expect(ids(channels)).toContain(id);
    }
    const defaults = (await allV2(sandbox, '/v2/currencies')).filter((c) => c.is_default);
    expect(defaults.map((c) => c.currency_code)).toEqual([store.currency]);
  });

  test('the first records keep the ids other streams name; later ones continue after them', async () => {
    const big = await startSandbox({ quota: null, sizes: { channels: 7, currencies: 8, tax_classes: 7, shipping_zones: 6, locations: 5 } });
    const channelIds = ids(await allV3(big, '/v3/channels'));
    expect(channelIds.slice(0, 4)).toEqual([1, 664179, 667159, 701235]);
    expect(channelIds).toHaveLength(7);
    expect(Math.min(...(channelIds.slice(4) as number[]))).toBeGreaterThan(701235);
    const currencies = await allV2(big, '/v2/currencies');
    expect(currencies.slice(0, 5).map((c) => [c.id, c.currency_code])).toEqual([
      [1, 'USD'],
      [2, 'EUR'],
      [3, 'GBP'],
      [4, 'AUD'],
      [5, 'CAD'],
    ]);
    expect(currencies.slice(5).every((c) => c.id > 5 && c.is_transactional === false)).toBe(true);
    expect(ids(await allV2(big, '/v2/tax_classes')).slice(0, 5)).toEqual(['1', '2', '3', '4', '22']);
    expect(ids((await get(big, '/v2/shipping/zones')).body).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(ids(await allV3(big, '/v3/inventory/locations')).slice(0, 2)).toEqual([1, 2]);
    await big.close();
  });
});

describe('list parameters, per the specs', () => {
  test('shipping zones: no paging (the spec lists no parameter): every zone whatever page and limit say', async () => {
    const all = (await get(sandbox, '/v2/shipping/zones')).body;
    expect(all.map((z: any) => z.name)).toEqual(['United States', 'International', 'Texas local delivery', 'European Union']);
    expect((await get(sandbox, '/v2/shipping/zones?page=2&limit=1')).body).toEqual(all);
    expect((await get(sandbox, '/v2/shipping/zones?limit=999')).status).toBe(200);
  });

  test('currencies and tax classes: v2 pages, 204 past the end', async () => {
    expect((await get(sandbox, '/v2/currencies?limit=2&page=3')).body.map((c: any) => c.id)).toEqual([5]);
    expect((await get(sandbox, '/v2/currencies?limit=2&page=4')).status).toBe(204);
    expect((await get(sandbox, '/v2/tax_classes?limit=250&page=2')).status).toBe(204);
    expect((await get(sandbox, '/v2/tax_classes/22')).body).toMatchObject({ id: '22', name: 'Handling Fees' });
  });

  test('channels: include=currencies, available, status:in; a 422 for a parameter the spec lacks', async () => {
    const plain = (await get(sandbox, '/v3/channels')).body.data;
    expect(plain[0]).not.toHaveProperty('currencies');
    const withCurrencies = (await get(sandbox, '/v3/channels?include=currencies')).body.data;
    expect(withCurrencies[0].currencies).toEqual({
      channel_id: 1,
      enabled_currencies: ['USD', 'EUR', 'GBP', 'AUD', 'CAD'],
      default_currency: 'USD',
    });
    expect(ids((await get(sandbox, '/v3/channels?available=false')).body.data)).toEqual([701235]);
    expect(ids((await get(sandbox, '/v3/channels?status:in=connected')).body.data)).toEqual([664179, 667159]);
    expect((await get(sandbox, '/v3/channels?id:min=2')).status).toBe(422);
  });

  test('locations: location_id:in and is_default filters, no id range', async () => {
    expect(ids((await get(sandbox, '/v3/inventory/locations?location_id:in=2,3')).body.data)).toEqual([2, 3]);
    expect(ids((await get(sandbox, '/v3/inventory/locations?is_default=true')).body.data)).toEqual([1]);
    expect((await get(sandbox, '/v3/inventory/locations?id:min=2')).status).toBe(422);
  });

  test('price lists: cursor pagination from a first page asked with a limit only', async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await get(sandbox, `/v3/pricelists?limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`)).body;
      if (page.data.length === 0) break;
      seen.push(...ids(page.data).map(Number));
      after = page.meta.cursor_pagination.end_cursor;
    }
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  test('pages: body only with include=body, channel_id and id:in filters; a 422 for a parameter the spec lacks', async () => {
    const plain = (await get(sandbox, '/v3/content/pages')).body.data;
    expect(plain.map((p: any) => p.type)).toEqual(expect.arrayContaining(['page', 'contact_form', 'blog', 'raw', 'link']));
    expect(plain.some((p: any) => 'body' in p)).toBe(false);
    const full = (await get(sandbox, '/v3/content/pages?include=body')).body.data;
    expect(full.filter((p: any) => p.type !== 'link').every((p: any) => typeof p.body === 'string')).toBe(true);
    expect((await get(sandbox, '/v3/content/pages?channel_id=2')).body.data).toEqual([]);
    expect(ids((await get(sandbox, '/v3/content/pages?id:in=1,2')).body.data)).toEqual([1, 2]);
    expect((await get(sandbox, '/v3/content/pages?sort=id')).status).toBe(422);
  });
});

describe('scopes', () => {
  test('channels and locations need the scopes without the v2 infix, which the default grant includes', async () => {
    expect(readOnlyScopes(registeredStreams())).toEqual(
      expect.arrayContaining(['store_channel_settings_read_only', 'store_locations_read_only', 'store_v2_content_read_only']),
    );
    const v2Named = await startSandbox({ quota: null, scopes: ['store_v2_channel_settings_read_only', 'store_v2_locations_read_only'] });
    expect((await get(v2Named, '/v3/channels')).status).toBe(403);
    expect((await get(v2Named, '/v3/inventory/locations')).status).toBe(403);
    await v2Named.close();
    const modify = await startSandbox({ quota: null, scopes: ['store_channel_settings', 'store_locations'] });
    expect((await get(modify, '/v3/channels')).status).toBe(200);
    expect((await get(modify, '/v3/inventory/locations')).status).toBe(200);
    expect((await get(modify, '/v2/store')).status).toBe(403);
    await modify.close();
  });
});
