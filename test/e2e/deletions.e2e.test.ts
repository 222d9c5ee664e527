import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CliResult, lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';

const start = useSandbox({ coupons: 5, customers: 40, orders: 30, products: 40, subscribers: 30 });

type Message = Record<string, any>;
const tombstonesOf = (messages: Message[], stream: string) =>
  recordsOf(messages, stream)
    .filter((r) => typeof r._sdc_deleted_at === 'string')
    .map((r) => r.id as number)
    .sort((a, b) => a - b);
const resume = (config: string, run: CliResult, name: string) =>
  runCli(['--config', config, '--state', tempJson(`${name}.json`, lastStateOf(run.messages))]);

describe('deleted and archived records', () => {
  it('products, customers and subscribers deleted between runs: exactly one tombstone each in the next run, none in the one after', async () => {
    const { sandbox, config } = await start();
    const first = await runCli(['--config', config]);
    expect(first.code, first.stderr).toBe(0);
    // The first run only records the ids; every live record carries _sdc_deleted_at: null.
    expect(tombstonesOf(first.messages, 'products')).toEqual([]);
    expect(recordsOf(first.messages, 'products').every((r) => r._sdc_deleted_at === null)).toBe(true);
    const schema = first.messages.find((m) => m.type === 'SCHEMA' && m.stream === 'products')!;
    expect(schema.schema.properties._sdc_deleted_at).toEqual({ type: ['null', 'string'], format: 'date-time' });
    expect(lastStateOf(first.messages).bookmarks.products.deletions.known).toMatch(/^[A-Za-z0-9_-]+$/);

    const deletedProducts = [Number(sandbox.snapshot('products')[3]!.id), Number(sandbox.snapshot('products')[17]!.id)];
    const deletedCustomers = [
      Number(sandbox.snapshot('customers')[0]!.id),
      Number(sandbox.snapshot('customers')[25]!.id),
      Number(sandbox.snapshot('customers')[39]!.id),
    ];
    const deletedSubscribers = [Number(sandbox.snapshot('subscribers')[5]!.id), Number(sandbox.snapshot('subscribers')[29]!.id)];
    sandbox.deleteRecords('products', deletedProducts);
    sandbox.deleteRecords('customers', deletedCustomers);
    sandbox.deleteRecords('subscribers', deletedSubscribers);

    const second = await resume(config, first, 's1');
    expect(second.code, second.stderr).toBe(0);
    expect(tombstonesOf(second.messages, 'products')).toEqual([...deletedProducts].sort((a, b) => a - b));
    expect(tombstonesOf(second.messages, 'customers')).toEqual([...deletedCustomers].sort((a, b) => a - b));
    expect(tombstonesOf(second.messages, 'subscribers')).toEqual([...deletedSubscribers].sort((a, b) => a - b));
    const tombstone = recordsOf(second.messages, 'products').find((r) => r.id === deletedProducts[0])!;
    // The key and the deletion time only: a RECORD every hard-delete target understands, valid against SCHEMA.
    expect(Object.keys(tombstone).sort()).toEqual(['_sdc_deleted_at', 'id']);
    expect(tombstone._sdc_deleted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(validateSingerMessages(second.messages)).toEqual([]);
    expect(second.stderr).toMatch(/products: store holds 38, warehouse should hold 38, 2 tombstones/);

    const third = await resume(config, second, 's2');
    expect(third.code, third.stderr).toBe(0);
    expect(tombstonesOf(third.messages, 'products')).toEqual([]);
    expect(tombstonesOf(third.messages, 'customers')).toEqual([]);
    expect(tombstonesOf(third.messages, 'subscribers')).toEqual([]);
  });

  it.each([true, false])('archived orders are written once with is_deleted: true (archiving touches date_modified: %s)', async (touch) => {
    const { sandbox, config } = await start({ archiveTouchesRecord: touch });
    const first = await runCli(['--config', config]);
    expect(first.code, first.stderr).toBe(0);
    const archived = [Number(sandbox.snapshot('orders')[2]!.id), Number(sandbox.snapshot('orders')[20]!.id)];
    sandbox.archiveOrders(archived);

    const second = await resume(config, first, 'o1');
    expect(second.code, second.stderr).toBe(0);
    const flagged = recordsOf(second.messages, 'orders').filter((o) => o.is_deleted === true);
    expect(flagged.map((o) => o.id).sort((a, b) => a - b)).toEqual([...archived].sort((a, b) => a - b));
    // A soft delete: the full order, never a tombstone (a hard-delete target keeps the row).
    for (const order of flagged) {
      expect(order).not.toHaveProperty('_sdc_deleted_at');
      expect(Array.isArray(order.products)).toBe(true);
    }
    const third = await resume(config, second, 'o2');
    expect(third.code, third.stderr).toBe(0);
    expect(recordsOf(third.messages, 'orders').filter((o) => o.is_deleted === true)).toEqual([]);
  });

  it('a run killed before its deletion pass completes loses no tombstone: the run resumed from its last STATE writes them', async () => {
    const { sandbox, config: base } = await start();
    const catalog = tempJson('catalog.json', {
      streams: [
        { tap_stream_id: 'products', stream: 'products', schema: {}, metadata: [{ breadcrumb: [], metadata: { selected: true } }] },
      ],
    });
    const config = tempJson('small-pages.json', { ...JSON.parse(readFileSync(base, 'utf8')), page_size: 2 });
    const first = await runCli(['--config', config, '--catalog', catalog]);
    expect(first.code, first.stderr).toBe(0);
    const deleted = sandbox
      .snapshot('products')
      .map((p) => Number(p.id))
      .filter((_, i) => i % 9 === 4);
    sandbox.deleteRecords('products', deleted);
    const killed = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('k0.json', lastStateOf(first.messages))], {
      killAfterRecords: 1,
    });
    const resumed = await resume(config, killed.messages.some((m) => m.type === 'STATE') ? killed : first, 'k1');
    expect(resumed.code, resumed.stderr).toBe(0);
    const written = new Set([...tombstonesOf(killed.messages, 'products'), ...tombstonesOf(resumed.messages, 'products')]);
    expect([...written].sort((a, b) => a - b)).toEqual([...deleted].sort((a, b) => a - b));
  });

  it('records deleted while the scan runs never cost a live record its row', async () => {
    const { sandbox, config } = await start({ liveChanges: { everyRequests: 2, modify: 0, create: 0, delete: 1 } }, { page_size: 3 });
    const first = await runCli(['--config', config]);
    expect(first.code, first.stderr).toBe(0);
    const second = await resume(config, first, 'l1');
    expect(second.code, second.stderr).toBe(0);
    for (const stream of ['products', 'customers', 'subscribers']) {
      const live = new Set(sandbox.snapshot(stream).map((r) => Number(r.id)));
      for (const id of tombstonesOf(second.messages, stream)) expect(live.has(id), `${stream} ${id} is live`).toBe(false);
    }
  });
});

describe('the deletion part of STATE at scale', () => {
  const startBig = useSandbox({ coupons: 0, customers: 0, orders: 0, products: 20_000 });
  it('20,000 products, 200 random deletions: exactly those 200 tombstones, and the deletion state stays under 4 KB', async () => {
    const { sandbox, config } = await startBig({ lazy: true });
    const catalog = tempJson('products.json', {
      streams: [
        { tap_stream_id: 'products', stream: 'products', schema: {}, metadata: [{ breadcrumb: [], metadata: { selected: true } }] },
      ],
    });
    const first = await runCli(['--config', config, '--catalog', catalog], { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    const ids = sandbox.snapshot('products').map((p) => Number(p.id));
    const deleted = ids.filter((_, i) => (i * 7919) % 100 === 13).slice(0, 200);
    expect(deleted).toHaveLength(200);
    sandbox.deleteRecords('products', deleted);
    const second = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('big.json', lastStateOf(first.messages))], {
      timeoutMs: 240_000,
    });
    expect(second.code, second.stderr).toBe(0);
    expect(tombstonesOf(second.messages, 'products')).toEqual([...deleted].sort((a, b) => a - b));
    const deletionState = JSON.stringify(lastStateOf(second.messages).bookmarks.products.deletions);
    expect(deletionState.length).toBeLessThan(4096);
  }, 300_000);
});
