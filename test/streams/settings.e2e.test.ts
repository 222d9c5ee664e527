import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';

/** The store's settings and reference tables (issue 12), in registry order. */
const SETTINGS = ['store', 'channels', 'currencies', 'tax_classes', 'shipping_zones', 'locations', 'price_lists', 'pages'];
const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

const start = useSandbox({});
const catalogOf = (streams: readonly string[]) =>
  tempJson('catalog.json', {
    streams: streams.map((s) => ({
      tap_stream_id: s,
      stream: s,
      schema: {},
      metadata: [{ breadcrumb: [], metadata: { selected: true } }],
    })),
  });
const typesOf = (messages: Array<Record<string, any>>, stream: string) => messages.filter((m) => m.stream === stream).map((m) => m.type);

describe('the settings streams through the CLI against the sandbox store', () => {
  it('a full sync writes every record of each once, valid against its SCHEMA, framed by ACTIVATE_VERSION, at the documented cost', async () => {
    const { sandbox, config } = await start({ clock: { now: () => NOW } });
    const run = await runCli(['--config', config, '--catalog', catalogOf(SETTINGS)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/WARN|ERROR/);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    for (const stream of SETTINGS) {
      const records = recordsOf(run.messages, stream);
      expect(records.map((r) => r.id)).toEqual(sandbox.snapshot(stream).map((r) => r.id));
      const types = typesOf(run.messages, stream);
      expect(types).toEqual(['SCHEMA', 'ACTIVATE_VERSION', ...records.map(() => 'RECORD'), 'ACTIVATE_VERSION']);
      const versions = new Set(run.messages.filter((m) => m.stream === stream && m.version !== undefined).map((m) => m.version));
      expect(versions.size, stream).toBe(1);
    }
    // One request for the store; one page and the request that brings nothing new for each table.
    const summary = (stream: string) =>
      new RegExp(`^INFO {3}${stream}: complete, (\\d+) records, (\\d+) requests,`, 'm').exec(run.stderr)?.slice(1);
    expect(SETTINGS.map((s) => [s, ...(summary(s) ?? [])])).toEqual([
      ['store', '1', '1'],
      ['channels', '4', '2'],
      ['currencies', '5', '2'],
      ['tax_classes', '5', '2'],
      ['shipping_zones', '4', '2'],
      ['locations', '3', '2'],
      ['price_lists', '4', '2'],
      ['pages', String(sandbox.snapshot('pages').length), '2'],
    ]);

    const store = recordsOf(run.messages, 'store')[0]!;
    expect(store).toMatchObject({ id: 'sandbox1', currency: 'USD', default_channel_id: 1, store_id: expect.any(Number) });
    expect(recordsOf(run.messages, 'channels').map((c) => [c.id, c.name, c.type, c.status, c.currencies.default_currency])).toEqual([
      [1, store.name, 'storefront', 'active', 'USD'],
      [664179, 'Amazon US', 'marketplace', 'connected', 'USD'],
      [667159, 'Meta Shops', 'marketplace', 'connected', 'USD'],
      [701235, 'Square POS', 'pos', 'disconnected', 'USD'],
    ]);
    expect(recordsOf(run.messages, 'currencies').map((c) => [c.id, c.currency_code, c.currency_exchange_rate, c.is_default])).toEqual([
      [1, 'USD', 1, true],
      [2, 'EUR', 0.9234, false],
      [3, 'GBP', 0.7911, false],
      [4, 'AUD', 1.5287, false],
      [5, 'CAD', 1.3602, false],
    ]);
    expect(recordsOf(run.messages, 'tax_classes').map((t) => [t.id, t.name])).toEqual([
      [1, 'Non-Taxable Products'],
      [2, 'Shipping'],
      [3, 'Gift Wrapping'],
      [4, 'Clothing'],
      [22, 'Handling Fees'],
    ]);
    expect(recordsOf(run.messages, 'shipping_zones')).toEqual([
      {
        id: 1,
        name: 'United States',
        type: 'country',
        locations: [{ id: 1, country_iso2: 'US' }],
        free_shipping: { enabled: true, minimum_sub_total: 100, exclude_fixed_shipping_products: false },
        handling_fees: { fixed_surcharge: 0, display_separately: true },
        enabled: true,
      },
      {
        id: 2,
        name: 'International',
        type: 'global',
        locations: [],
        free_shipping: { enabled: false, minimum_sub_total: 0, exclude_fixed_shipping_products: false },
        handling_fees: { percentage_surcharge: 5, display_separately: false },
        enabled: true,
      },
      {
        id: 3,
        name: 'Texas local delivery',
        type: 'state',
        locations: [{ id: 3, country_iso2: 'US', state_iso2: 'TX' }],
        free_shipping: { enabled: true, minimum_sub_total: 50, exclude_fixed_shipping_products: true },
        handling_fees: { fixed_surcharge: 2.5, display_separately: true },
        enabled: false,
      },
      {
        id: 4,
        name: 'European Union',
        type: 'country',
        locations: [
          { id: 4, country_iso2: 'DE' },
          { id: 5, country_iso2: 'FR' },
          { id: 6, country_iso2: 'IT' },
        ],
        free_shipping: { enabled: false, minimum_sub_total: 0, exclude_fixed_shipping_products: false },
        handling_fees: { fixed_surcharge: 0, display_separately: false },
        enabled: false,
      },
    ]);
    expect(recordsOf(run.messages, 'locations')[0]).toMatchObject({
      id: 1,
      code: 'LOCATION-1',
      label: 'Main Street store',
      address: { city: 'Austin', geo_coordinates: { latitude: 30.4409, longitude: -97.8403 } },
    });
    expect(recordsOf(run.messages, 'price_lists').map((p) => [p.id, p.name])).toEqual([
      [1, 'Wholesale'],
      [2, 'B2B'],
      [3, 'VIP customers'],
      [4, 'Clearance'],
    ]);
    for (const page of recordsOf(run.messages, 'pages')) {
      expect(page.channel_id).toBe(1);
      expect(typeof page.body === 'string').toBe(page.type !== 'link');
    }

    // A second run starts a new table version and keeps the old rows until it is complete.
    const second = await runCli([
      '--config',
      config,
      '--catalog',
      catalogOf(SETTINGS),
      '--state',
      tempJson('state.json', lastStateOf(run.messages)),
    ]);
    expect(second.code, second.stderr).toBe(0);
    for (const stream of SETTINGS) {
      const count = recordsOf(run.messages, stream).length;
      expect(typesOf(second.messages, stream)).toEqual(['SCHEMA', ...Array<string>(count).fill('RECORD'), 'ACTIVATE_VERSION']);
      const [firstVersion] = run.messages.filter((m) => m.stream === stream && m.type === 'ACTIVATE_VERSION').map((m) => m.version);
      const versions = new Set(second.messages.filter((m) => m.stream === stream && m.version !== undefined).map((m) => m.version));
      expect([...versions]).toEqual([lastStateOf(second.messages).bookmarks[stream].version]);
      expect([...versions][0]).toBeGreaterThan(firstVersion);
    }
  });

  it('a token with only the four original scopes: the settings streams it can’t read are skipped with one warning, exit 0', async () => {
    const stitchScopes = ['orders', 'products', 'customers', 'marketing'].map((r) => `store_v2_${r}_read_only`);
    const { config } = await start({ scopes: stitchScopes });
    const run = await runCli(['--config', config, '--catalog', catalogOf([...SETTINGS, 'coupons'])]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('WARN'))).toEqual([
      "WARN Skipped 7 streams the access token can't read: store (Information & Settings: store_v2_information_read_only), channels (Channel Settings: store_channel_settings_read_only), currencies (Information & Settings: store_v2_information_read_only), tax_classes (Information & Settings: store_v2_information_read_only), shipping_zones (Information & Settings: store_v2_information_read_only), locations (Store Locations: store_locations_read_only), pages (Content: store_v2_content_read_only). Grant these read-only scopes to the API account, deselect the streams, or set strict_scopes to fail instead.",
    ]);
    // price_lists needs Products, which the token has.
    expect(recordsOf(run.messages, 'price_lists')).toHaveLength(4);
    expect(recordsOf(run.messages, 'coupons').length).toBeGreaterThan(0);
    for (const stream of SETTINGS.filter((s) => s !== 'price_lists')) expect(typesOf(run.messages, stream)).not.toContain('RECORD');

    const strictConfig = tempJson('strict.json', { ...JSON.parse(readFileSync(config, 'utf8')), strict_scopes: true });
    const strict = await runCli(['--config', strictConfig, '--catalog', catalogOf(['channels'])]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('store_channel_settings_read_only');
  });
});
