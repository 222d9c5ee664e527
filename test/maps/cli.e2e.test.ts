import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';
import { STREAM_NAMES } from '../helpers/union.js';

const start = useSandbox({ coupons: 4, customers: 12, orders: 6, products: 5 });
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
/** Warnings about the catalog, the config or the maps (other warnings, e.g. about the sandbox's endpoints, aren't this file's concern). */
const mapWarnings = (stderr: string) => stderr.split('\n').filter((l) => /^WARN .*(Catalog|catalog|config|stream_map|flattening)/.test(l));
const typesOf = (messages: Array<Record<string, any>>) => [...new Set(messages.map((m) => `${m.type} ${m.stream ?? ''}`.trim()))];
/** The full-table streams a run without a catalog syncs, in sync order. */
const FULL_TABLE = STREAMS.filter((s) => s.isSelectedByDefault && s.replication.method === 'FULL_TABLE').map((s) => s.name);

describe('stream maps and flattening, through the CLI against the sandbox store', () => {
  it('hashes customer emails, renames coupons, filters orders; STATE stays keyed by the source streams', async () => {
    const { sandbox, config: plainConfig } = await start();
    const plain = await runCli(['--config', plainConfig]);
    expect(plain.code, plain.stderr).toBe(0);
    const emails = new Map(recordsOf(plain.messages, 'customers').map((c) => [c.id, c.email as string]));
    const orderIds = recordsOf(plain.messages, 'orders').map((o) => o.id as number);
    const median = [...orderIds].sort((a, b) => a - b)[3]!;

    const mapped = await runCli([
      '--config',
      tempJson('maps.json', {
        ...sandbox.config(),
        stream_maps: {
          customers: { email: "md5(config['seed'] + email)", first_name: null, last_name: null },
          coupons: { __alias__: 'discount_codes' },
          orders: { __filter__: `id >= ${median}` },
        },
        stream_map_config: { seed: 'pepper:' },
      }),
    ]);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(validateSingerMessages(mapped.messages)).toEqual([]);
    expect(mapWarnings(mapped.stderr)).toEqual([]);

    const customers = recordsOf(mapped.messages, 'customers');
    expect(customers.length).toBe(emails.size);
    for (const c of customers) {
      expect(c.email).toBe(emails.get(c.id) === null ? null : md5(`pepper:${emails.get(c.id)}`));
      expect(c).not.toHaveProperty('first_name');
    }
    const schema = mapped.messages.find((m) => m.type === 'SCHEMA' && m.stream === 'customers')!;
    expect(schema.schema.properties.email).toEqual({ type: ['string', 'null'] });
    expect(schema.schema.properties).not.toHaveProperty('last_name');

    expect(recordsOf(mapped.messages, 'coupons')).toEqual([]);
    expect(recordsOf(mapped.messages, 'discount_codes')).toEqual(recordsOf(plain.messages, 'coupons'));
    // A first sync frames each full-table stream with two ACTIVATE_VERSION messages, under its alias.
    const framed = FULL_TABLE.map((name) => (name === 'coupons' ? 'discount_codes' : name));
    expect(mapped.messages.filter((m) => m.type === 'ACTIVATE_VERSION').map((m) => m.stream)).toEqual(framed.flatMap((n) => [n, n]));

    expect(recordsOf(mapped.messages, 'orders').map((o) => o.id)).toEqual(orderIds.filter((id) => id >= median));
    expect(Object.keys(lastStateOf(mapped.messages).bookmarks).sort()).toEqual([...STREAM_NAMES].sort());
  });

  it('flattens nested objects into parent__child columns, arrays into JSON text; every record valid against its SCHEMA', async () => {
    const { config } = await start({}, { flattening_enabled: true, flattening_max_depth: 1 });
    const run = await runCli(['--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    const schema = run.messages.find((m) => m.type === 'SCHEMA' && m.stream === 'products')!.schema.properties;
    expect(schema.primary_image__url_standard).toEqual({ type: ['string', 'null'] });
    expect(schema).not.toHaveProperty('primary_image');
    expect(schema.variants).toEqual({ type: ['string', 'null'] });
    const product = recordsOf(run.messages, 'products').find((p) => typeof p.primary_image__url_standard === 'string')!;
    expect(product.primary_image__url_standard).toMatch(/^https?:\/\//);
    expect(JSON.parse(product.variants)).toEqual(expect.any(Array));
    const order = run.messages.find((m) => m.type === 'SCHEMA' && m.stream === 'orders')!.schema.properties;
    expect(order.billing_address__city).toBeDefined();
  });

  it('--test=schema writes only the SCHEMA messages (after maps and flattening) and makes no request', async () => {
    const { sandbox, config } = await start(
      {},
      {
        stream_maps: { coupons: null, customers: { __alias__: 'people', email: 'md5(email)' } },
        flattening_enabled: true,
        flattening_max_depth: 1,
      },
    );
    const run = await runCli(['--config', config, '--test=schema']);
    expect(run.code, run.stderr).toBe(0);
    expect(typesOf(run.messages)).toEqual(
      STREAM_NAMES.filter((name) => name !== 'coupons').map((name) => `SCHEMA ${name === 'customers' ? 'people' : name}`),
    );
    const people = run.messages.find((m) => m.stream === 'people')!;
    expect(people.schema.properties.authentication__force_password_reset).toEqual({ type: ['boolean', 'null'] });
    expect(sandbox.stats().requests).toBe(0);
    const plainTest = await runCli(['--config', config, '--test']);
    expect(plainTest.code, plainTest.stderr).toBe(0);
    expect(plainTest.stdout).toBe('');
  });

  it('an expression outside the subset is a config error before any request (exit 2) naming the stream, property and construct', async () => {
    const { sandbox, config } = await start({}, { stream_maps: { customers: { domain: "email.split('@')[-1]", when: 'datetime.now()' } } });
    const run = await runCli(['--config', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `ERROR Invalid stream maps or flattening (2 problems): stream_maps.customers.domain: "email.split('@')[-1]": the method call .split() is not supported; stream_maps.customers.when: "datetime.now()": the SDK's datetime module is not supported (datetime.now). Fix the config (see README, "Stream maps and flattening") and run again.`,
    );
    expect(sandbox.stats().requests).toBe(0);
  });

  it('a Meltano catalog (selected: true on every nested property) warns nothing; a nested deselection leaves SCHEMA and RECORD', async () => {
    const { config } = await start();
    const discovered = await runCli(['--config', config, '--discover']);
    const catalog = discovered.messages[0]!;
    const customers = catalog.streams.find((s: { stream: string }) => s.stream === 'customers');
    customers.metadata.push(
      { breadcrumb: ['properties', 'addresses', 'items', 'properties', 'city'], metadata: { selected: true } },
      { breadcrumb: ['properties', 'addresses', 'items', 'properties', 'phone'], metadata: { selected: false } },
      { breadcrumb: ['properties', 'authentication', 'properties', 'force_password_reset'], metadata: { selected: true } },
    );
    const run = await runCli(['--config', config, '--catalog', tempJson('catalog.json', catalog)]);
    expect(run.code, run.stderr).toBe(0);
    expect(mapWarnings(run.stderr)).toEqual([]);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    const schema = run.messages.find((m) => m.type === 'SCHEMA' && m.stream === 'customers')!.schema;
    expect(schema.properties.addresses.items.properties).not.toHaveProperty('phone');
    const addresses = recordsOf(run.messages, 'customers').flatMap((c) => c.addresses ?? []);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) {
      expect(address).not.toHaveProperty('phone');
      expect(address).toHaveProperty('city');
    }
  });
});
