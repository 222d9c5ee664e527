import { describe, expect, it } from 'vitest';
import { catalogSelecting } from '../helpers/catalog-file.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';
import { duplicatesIn } from '../helpers/union.js';
import { allV2, allV3 } from '../sandbox/helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const start = useSandbox({ coupons: 5, customers: 80, orders: 20, products: 40, subscribers: 120, promotions: 5 });
const PEOPLE = ['customer_groups', 'customer_addresses', 'customer_attributes', 'subscribers', 'wishlists'];
const byId = (a: Record<string, any>, b: Record<string, any>) => a.id - b.id;

describe('customer streams through the CLI against the sandbox store', () => {
  it('a full sync writes every group, address, attribute definition, subscriber and wishlist once, as the API serves them', async () => {
    const { sandbox, config } = await start({ clock: { now: () => NOW }, seed: 3 }, { page_size: 25 });
    const run = await runCli(['--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    const requests = sandbox.stats().byRoute;
    for (const stream of PEOPLE) {
      expect(duplicatesIn(run.messages, stream), stream).toBe(0);
      expect(
        recordsOf(run.messages, stream)
          .map((r) => r.id)
          .sort((a, b) => a - b),
        stream,
      ).toEqual(sandbox.snapshot(stream).map((r) => r.id));
    }

    // Groups: v2 dates in the spec's `YYYY-MM-DD HH:MM:SS` become UTC `Z`, decimal amounts numbers.
    const groups = await allV2(sandbox, '/v2/customer_groups');
    const sqlToIso = (text: string) => `${text.replace(' ', 'T')}Z`;
    expect(recordsOf(run.messages, 'customer_groups')).toEqual(
      groups.map((g) => ({
        ...g,
        discount_rules: g.discount_rules.map((r: any) => (r.amount === undefined ? r : { ...r, amount: Number(r.amount) })),
        date_created: sqlToIso(g.date_created),
        date_modified: sqlToIso(g.date_modified),
      })),
    );
    expect(recordsOf(run.messages, 'customer_groups')[0]).toEqual({
      id: 1,
      name: 'Wholesale',
      is_default: false,
      category_access: { type: 'all' },
      discount_rules: [{ type: 'all', method: 'percent', amount: 10 }],
      date_created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      date_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      is_group_for_guests: false,
    });

    // Attribute definitions, subscribers and wishlists: v3 values as served (dates already UTC `Z`).
    expect(recordsOf(run.messages, 'customer_attributes')).toEqual(await allV3(sandbox, '/v3/customers/attributes'));
    // Subscribers carry `_sdc_deleted_at: null` (deleted ones become tombstones: see deletions.e2e).
    expect(recordsOf(run.messages, 'subscribers').sort(byId)).toEqual(
      (await allV3(sandbox, '/v3/customers/subscribers')).map((r) => ({ ...r, _sdc_deleted_at: null })).sort(byId),
    );
    expect(recordsOf(run.messages, 'wishlists')).toEqual(await allV3(sandbox, '/v3/wishlists'));

    // Addresses: the same objects as the addresses inside the customers the run wrote.
    const addresses = recordsOf(run.messages, 'customer_addresses');
    expect(addresses).toEqual(
      recordsOf(run.messages, 'customers')
        .flatMap((c) => c.addresses)
        .sort(byId),
    );
    expect(addresses).toEqual(await allV3(sandbox, '/v3/customers/addresses?include=formfields'));
    expect(addresses.length).toBeGreaterThan(40);

    // The page walks proved themselves in one walk each: steady totals (v3), one response (v2 groups).
    expect(run.stderr).not.toContain('walking the table again');
    expect(requests['GET /v3/customers/addresses']).toBe(Math.ceil(addresses.length / 25) + 1);
  });

  it('subscribers: the next run from the final STATE reads only the bookmark second again', async () => {
    const { sandbox, config } = await start({ clock: { now: () => NOW }, seed: 5 }, { page_size: 25 });
    const catalog = catalogSelecting(['subscribers']);
    const first = await runCli(['--config', config, '--catalog', catalog]);
    expect(first.code, first.stderr).toBe(0);
    const state = lastStateOf(first.messages);
    const latest = sandbox
      .snapshot('subscribers')
      .map((r) => r.date_modified!)
      .sort()
      .at(-1);
    expect(state.bookmarks.subscribers).toMatchObject({ replication_key: 'date_modified', replication_key_value: latest });
    // The ids the deletion scan saw, for the next run's comparison.
    expect(Object.keys(state.bookmarks.subscribers).sort()).toEqual(['deletions', 'replication_key', 'replication_key_value']);
    const second = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('state.json', state)]);
    expect(second.code, second.stderr).toBe(0);
    const atLatest = sandbox.snapshot('subscribers').filter((r) => r.date_modified === latest);
    expect(atLatest.length).toBeGreaterThan(0);
    expect(
      recordsOf(second.messages, 'subscribers')
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(atLatest.map((r) => r.id));
    const { deletions: _scanned, ...bookmark } = lastStateOf(second.messages).bookmarks.subscribers;
    const { deletions: _before, ...before } = state.bookmarks.subscribers;
    expect(bookmark).toEqual(before);
  });
});
