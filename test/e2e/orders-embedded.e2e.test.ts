import { describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../sandbox/index.js';
import { discoverCatalog } from '../../src/singer/catalog.js';
import { recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';

const ORDERS = 80;
const start = useSandbox({ orders: ORDERS, customers: 10, products: 20, coupons: 5 });
const STREAMS = ['orders', 'order_products', 'order_shipping_addresses', 'order_coupons'];

/** A catalog selecting orders and its embedded children, nothing else. */
function ordersCatalog(): string {
  const catalog = discoverCatalog();
  for (const entry of catalog.streams) {
    entry.metadata.find((m) => m.breadcrumb.length === 0)!.metadata.selected = STREAMS.includes(entry.tap_stream_id);
  }
  return tempJson('catalog.json', catalog);
}

const byId = (records: Array<Record<string, any>>) => [...records].sort((a, b) => a.id - b.id);
const perOrder = (byRoute: Record<string, number>, route: string) => byRoute[`GET /v2/orders/{order_id}/${route}`] ?? 0;

/**
 * Issue 11's proof on the sandbox store: the embedded path writes exactly what the per-order path
 * (`embedded_details: false`) writes, record for record, in every order stream, with the include's traps on
 * or off; each order that falls back is counted in the summary.
 */
describe('orders embedded in the list against the per-order requests, on the same sandbox store', () => {
  it.each<[string, SandboxOptions, RegExp | null]>([
    ['traps off', {}, null],
    ['empty line_items for a share of orders', { emptyLineItemsRate: 0.3 }, /completed by per-record requests/],
    ['the include ignored', { ignoreInclude: true }, /ignored/],
    ['line items as link objects', { lineItemsAsLinks: true }, /line items not embedded/],
    ['the legacy consignment array', { legacyConsignmentArray: true }, /legacy array/],
    ['/products answering 50 lines unless limit is given', { productsDefaultLimit50: true }, /exactly 50 lines/],
  ])('%s: the same records in every order stream', async (_name, options, fallbackLine) => {
    const { sandbox, config } = await start(options);
    const catalog = ordersCatalog();
    const perOrderConfig = tempJson('per-order-config.json', { ...sandbox.config(), embedded_details: false });
    const reference = await runCli(['--config', perOrderConfig, '--catalog', catalog]);
    expect(reference.code, reference.stderr).toBe(0);
    const before = { ...sandbox.stats().byRoute };
    const embedded = await runCli(['--config', config, '--catalog', catalog]);
    expect(embedded.code, embedded.stderr).toBe(0);

    expect(recordsOf(embedded.messages, 'orders')).toHaveLength(ORDERS);
    for (const stream of STREAMS) {
      expect(byId(recordsOf(embedded.messages, stream)), stream).toEqual(byId(recordsOf(reference.messages, stream)));
    }
    const after = sandbox.stats().byRoute;
    const productsRequests = perOrder(after, 'products') - perOrder(before, 'products');
    if (fallbackLine === null) {
      expect(productsRequests).toBe(0);
    } else {
      expect(productsRequests).toBeGreaterThan(0);
      expect(embedded.stderr).toMatch(fallbackLine);
    }
  });
});
