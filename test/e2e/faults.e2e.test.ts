import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { missingFromUnion } from '../helpers/union.js';

const sizes = { coupons: 30, customers: 120, orders: 60, products: 120 };
const start = useSandbox(sizes);

/** The first request a sync makes: the first stream's list. */
const FIRST_ENDPOINT = `GET /${STREAMS[0]!.api}${STREAMS[0]!.path}`;
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('ERROR'));

describe('faults, quotas and bad input, from the built CLI', () => {
  it('a tight quota (30 requests per 1.5 s): no 429 reaches the user, and the quota is used nearly fully', async () => {
    const { sandbox, config } = await start({
      quota: { requests: 30, windowMs: 1500 },
      // Orders cost a request each (coupons; line items come embedded): enough of them for several full windows.
      sizes: { coupons: 30, customers: 30, orders: 130, products: 30 },
    });
    const run = await runCli(['--config', config]);
    expect(run.code).toBe(0);
    expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
    // Counted by the store, window by window: no clock is read here.
    const { requests, served429, usedPerWindow } = sandbox.stats();
    process.stderr.write(`tight quota: ${requests} requests, ${served429} x 429, per window of 30: ${usedPerWindow.join(' ')}\n`);
    expect(served429).toBe(0);
    expect(usedPerWindow.reduce((sum, used) => sum + used, 0)).toBe(requests);
    // Every window but the last, where the work ran out, is used nearly fully: the pacing neither stalls nor overshoots.
    const fullWindows = usedPerWindow.slice(0, -1);
    expect(fullWindows.length).toBeGreaterThanOrEqual(3);
    const used = fullWindows.reduce((sum, n) => sum + n, 0) / (fullWindows.length * 30);
    expect(used).toBeGreaterThan(0.8);
  });

  it('10% injected 5xx with HTML bodies and 3% connection resets: the sync completes with complete data', async () => {
    const { sandbox, config } = await start({ errorRate: 0.1, resetRate: 0.03, seed: 7 }, { max_retries: 8 });
    const run = await runCli(['--config', config]);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
    expect(run.stderr).toMatch(/Sync summary: .* [1-9]\d* retries/);
  });

  it.each(['object', 'empty'] as const)(
    'a bad token (%s 401 body): exit 1 with one actionable line and no token in the output',
    async (unauthorizedBody) => {
      const { config } = await start({ unauthorizedBody }, { access_token: 'wrong-token-abcdef' });
      const run = await runCli(['--config', config]);
      expect(run.code).toBe(1);
      expect(errorLines(run.stderr)).toEqual([
        `ERROR ${FIRST_ENDPOINT} returned 401 Unauthorized: the access token is invalid or revoked. Create a new store-level API account token and set access_token.`,
      ]);
      expect(run.stdout + run.stderr).not.toContain('wrong-token-abcdef');
    },
  );

  it('a missing scope on one stream: the other streams complete, exit 1 naming the stream and the scope', async () => {
    const { config } = await start({
      scopes: ['store_v2_marketing_read_only', 'store_v2_customers_read_only', 'store_v2_products_read_only'],
    });
    const run = await runCli(['--config', config]);
    expect(run.code).toBe(1);
    expect(recordsOf(run.messages, 'products')).toHaveLength(sizes.products);
    expect(recordsOf(run.messages, 'customers')).toHaveLength(sizes.customers);
    expect(recordsOf(run.messages, 'orders')).toHaveLength(0);
    expect(errorLines(run.stderr).at(-1)).toBe(
      'ERROR Stream "orders" failed, the others completed: GET /v2/orders returned 403 Forbidden: the access token lacks the Orders read-only scope (store_v2_orders_read_only) needed by stream "orders", or the store hash "sandbox1" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash. (and 3 more streams: order_products, order_shipping_addresses, order_coupons)',
    );
  });

  it('a target that closes the pipe early: the tap stops quietly', async () => {
    const { config } = await start();
    const run = await runCli(['--config', config], { closeStdoutAfterLines: 3 });
    expect([0, 141]).toContain(run.code);
    expect(run.stderr).not.toMatch(/ERROR|at .*\.js:\d+/);
  });

  it('--test prints a table on stderr: OK for readable streams, the error and what to do for the others', async () => {
    const { config } = await start({
      scopes: ['store_v2_marketing_read_only', 'store_v2_customers_read_only', 'store_v2_orders_read_only'],
    });
    const run = await runCli(['--config', config, '--test']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const table = run.stderr
      .split('\n')
      .filter((l) => /^(stream|coupons|customers|orders|products)\s/.test(l))
      .map((l) => l.replace(/ {2,}/g, '  '));
    expect(table).toEqual([
      'stream  endpoint  result',
      'coupons  GET /v2/coupons  OK',
      'customers  GET /v3/customers  OK',
      'orders  GET /v2/orders  OK',
      'products  GET /v3/catalog/products  GET /v3/catalog/products returned 403 Forbidden: the access token lacks the Products read-only scope (store_v2_products_read_only) needed by stream "products", or the store hash "sandbox1" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash.',
    ]);
    const ok = await runCli([
      '--config',
      config,
      '--test',
      '--catalog',
      tempJson('catalog.json', {
        streams: [{ tap_stream_id: 'orders', stream: 'orders', schema: {}, metadata: [{ breadcrumb: [], metadata: { selected: true } }] }],
      }),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('All 1 selected streams are readable.');
  });
});
