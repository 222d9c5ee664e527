import { describe, expect, it } from 'vitest';
import { discoverCatalog } from '../../src/singer/catalog.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';

const sizes = { coupons: 5, customers: 20, orders: 60, products: 20 };
const start = useSandbox(sizes);
const ORDER_STREAMS = ['order_statuses', 'refunds', 'transactions', 'shipments'];
const NO_TRANSACTIONS_SCOPE = [
  'store_v2_orders_read_only',
  'store_v2_customers_read_only',
  'store_v2_products_read_only',
  'store_v2_marketing_read_only',
  'store_v2_information_read_only',
];

/** A catalog selecting the streams named (every stream when none are). */
function catalogSelecting(names?: string[]): string {
  const catalog = discoverCatalog();
  for (const entry of catalog.streams) {
    const metadata = entry.metadata.find((m) => m.breadcrumb.length === 0)!.metadata;
    metadata.selected = names === undefined || names.includes(entry.tap_stream_id);
  }
  return tempJson('catalog.json', catalog);
}

const ids = (messages: Array<Record<string, any>>, stream: string) => recordsOf(messages, stream).map((r) => r.id as number);

describe('order_statuses, refunds, transactions and shipments against the sandbox store', () => {
  it('a full sync writes every record of each once, valid against its SCHEMA, at one request per order (and per shipped order)', async () => {
    const { sandbox, config } = await start();
    const run = await runCli(['--config', config, '--catalog', catalogSelecting()]);
    expect(run.code, run.stderr).toBe(0);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    for (const stream of ORDER_STREAMS) {
      // Children come order by order: compared in id order.
      expect(
        ids(run.messages, stream).sort((a, b) => a - b),
        stream,
      ).toEqual(sandbox.snapshot(stream).map((r) => r.id));
    }
    expect(ids(run.messages, 'order_statuses')).toHaveLength(15);
    const orders = recordsOf(run.messages, 'orders');
    expect(orders).toHaveLength(sizes.orders);
    const byRoute = sandbox.stats().byRoute;
    expect(byRoute['GET /v3/orders/{order_id}/transactions']).toBe(orders.length);
    const shipped = orders.filter((o) => o.items_shipped > 0).length;
    expect(shipped).toBeGreaterThan(10);
    expect(shipped).toBeLessThan(orders.length);
    expect(byRoute['GET /v2/orders/{order_id}/shipments']).toBe(shipped);
    // Every transaction and shipment names an order of this run, as an integer.
    const orderIds = new Set(orders.map((o) => o.id));
    for (const stream of ['transactions', 'shipments', 'refunds']) {
      for (const record of recordsOf(run.messages, stream)) expect(orderIds.has(record.order_id), `${stream} ${record.id}`).toBe(true);
    }
  });

  it('without a catalog: order_statuses and refunds are synced, transactions and shipments cost nothing', async () => {
    const { sandbox, config } = await start();
    const run = await runCli(['--config', config]);
    expect(run.code).toBe(0);
    expect(ids(run.messages, 'order_statuses')).toHaveLength(15);
    expect(ids(run.messages, 'refunds')).toEqual(sandbox.snapshot('refunds').map((r) => r.id));
    expect(recordsOf(run.messages, 'transactions')).toEqual([]);
    const routes = Object.keys(sandbox.stats().byRoute);
    expect(routes.filter((r) => /transactions|shipments/.test(r))).toEqual([]);
  });

  it('order_statuses: statuses deleted during the page walks leave the version open, so no live row is deleted', async () => {
    // A status deleted every third request: every walk skips a live one past a shifted page boundary.
    const { sandbox, config } = await start({ liveChanges: { everyRequests: 3, modify: 0, create: 0, delete: 1 } }, { page_size: 2 });
    const run = await runCli(['--config', config, '--catalog', catalogSelecting(['order_statuses'])]);
    expect(run.code).toBe(0);
    const live = sandbox.snapshot('order_statuses').map((r) => Number(r.id));
    expect(live.length).toBeLessThan(15);
    // Only the first sync's opening ACTIVATE_VERSION: the walk could not be proven, the version stays open.
    expect(run.messages.filter((m) => m.type === 'ACTIVATE_VERSION')).toHaveLength(1);
    expect(run.stderr).toContain(
      'WARN order_statuses: could not prove the table was read completely (two walks saw different records); the table version is left open (no rows are deleted in the target) and the next run reads it again.',
    );
    const written = new Set(ids(run.messages, 'order_statuses'));
    expect(live.filter((id) => !written.has(id))).toEqual([]);
  });

  it('refunds: a run killed inside the refunds walk and resumed from its last STATE loses no refund', async () => {
    // Records reach stdout with the (throttled) STATEs: latency spreads the pages over several STATE intervals,
    // so the kill lands inside the walk.
    const { sandbox, config } = await start({ latencyMs: 100 }, { page_size: 1 });
    const catalog = catalogSelecting(['refunds']);
    const full = await runCli(['--config', config, '--catalog', catalog]);
    const count = ids(full.messages, 'refunds').length;
    expect(count).toBeGreaterThan(3);
    const killed = await runCli(['--config', config, '--catalog', catalog], { killAfterRecords: 2 });
    expect(ids(killed.messages, 'refunds').length).toBeLessThan(count);
    const state = lastStateOf(killed.messages);
    const resumed = await runCli(['--config', config, '--catalog', catalog, ...(state ? ['--state', tempJson('s.json', state)] : [])]);
    expect(resumed.code).toBe(0);
    const union = new Set([...ids(killed.messages, 'refunds'), ...ids(resumed.messages, 'refunds')]);
    expect(sandbox.snapshot('refunds').filter((r) => !union.has(Number(r.id)))).toEqual([]);
  });
});

describe('a token without the Order Transactions scope', () => {
  it('skips only transactions with one warning naming it and its scope; orders and the other streams complete; exit 0', async () => {
    const { sandbox, config } = await start({ scopes: NO_TRANSACTIONS_SCOPE });
    const run = await runCli(['--config', config, '--catalog', catalogSelecting()]);
    expect(run.code).toBe(0);
    expect(ids(run.messages, 'orders')).toHaveLength(sizes.orders);
    expect(ids(run.messages, 'shipments').sort((a, b) => a - b)).toEqual(sandbox.snapshot('shipments').map((r) => r.id));
    expect(ids(run.messages, 'order_products').length).toBeGreaterThan(0);
    expect(recordsOf(run.messages, 'transactions')).toEqual([]);
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('WARN') && l.includes('transactions'));
    expect(warnings).toEqual([expect.stringContaining('transactions (Order Transactions: store_v2_transactions_read_only)')]);
  });

  it('with strict_scopes the same run exits 1, naming transactions and the scope', async () => {
    const { config } = await start({ scopes: NO_TRANSACTIONS_SCOPE }, { strict_scopes: true });
    const run = await runCli(['--config', config, '--catalog', catalogSelecting()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'the access token lacks the Order Transactions read-only scope (store_v2_transactions_read_only) needed by stream "transactions"',
    );
  });
});
