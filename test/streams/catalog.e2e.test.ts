import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../sandbox/index.js';
import { catalogSelecting } from '../helpers/catalog-file.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';
import { allV3 } from '../sandbox/helpers.js';

type Message = Record<string, any>;

const CATALOG_STREAMS = ['product_variants', 'category_trees', 'categories', 'brands'] as const;
const ENDPOINTS: Record<(typeof CATALOG_STREAMS)[number], string> = {
  product_variants: '/v3/catalog/variants',
  category_trees: '/v3/catalog/trees',
  categories: '/v3/catalog/trees/categories',
  brands: '/v3/catalog/brands',
};
const start = useSandbox({ coupons: 3, customers: 5, orders: 5, products: 40 });

/** One stream's messages, as `TYPE` (records collapsed into one `RECORD…`), with the versions they carry. */
function framing(messages: Message[], stream: string): string[] {
  const types = messages.filter((m) => m.stream === stream).map((m) => (m.type === 'RECORD' ? 'RECORD…' : m.type));
  return types.filter((type, i) => !(type === 'RECORD…' && types[i - 1] === 'RECORD…'));
}

const versionsOf = (messages: Message[], stream: string) =>
  messages.filter((m) => m.stream === stream && m.type === 'ACTIVATE_VERSION').map((m) => m.version as number);

describe('catalog streams through the built CLI against the sandbox store', () => {
  it('a full sync writes every record exactly as the API serves it, once; a second run writes a new table version', async () => {
    const { sandbox, config } = await start({}, { page_size: 25 });
    const catalog = catalogSelecting(CATALOG_STREAMS);
    const first = await runCli(['--config', config, '--catalog', catalog]);
    expect(first.code, first.stderr).toBe(0);
    expect(validateSingerMessages(first.messages)).toEqual([]);
    for (const stream of CATALOG_STREAMS) {
      const served = await allV3(sandbox, ENDPOINTS[stream]);
      expect(served.length, stream).toBeGreaterThan(0);
      expect(recordsOf(first.messages, stream), stream).toEqual(served);
      // The first-ever sync opens the version at once and closes it at the end.
      expect(framing(first.messages, stream), stream).toEqual(['SCHEMA', 'ACTIVATE_VERSION', 'RECORD…', 'ACTIVATE_VERSION']);
    }
    expect(recordsOf(first.messages, 'product_variants')).toHaveLength(sandbox.snapshot('product_variants').length);

    const second = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('state.json', lastStateOf(first.messages))]);
    expect(second.code, second.stderr).toBe(0);
    for (const stream of CATALOG_STREAMS) {
      // The old rows stay until the new version is complete: no ACTIVATE_VERSION before the records.
      expect(framing(second.messages, stream), stream).toEqual(['SCHEMA', 'RECORD…', 'ACTIVATE_VERSION']);
      expect(versionsOf(second.messages, stream)[0]).toBeGreaterThan(versionsOf(first.messages, stream)[1]!);
      expect(recordsOf(second.messages, stream)).toEqual(recordsOf(first.messages, stream));
      expect(
        second.messages
          .filter((m) => m.stream === stream && m.type === 'RECORD')
          .every((m) => m.version === versionsOf(second.messages, stream)[0]),
      ).toBe(true);
    }
  });

  it('channel_ids narrows category_trees server-side (channel_id:in); categories stay whole', async () => {
    const { sandbox, config } = await start({ sizes: { category_trees: 3 } }, { channel_ids: [2, 3] });
    const run = await runCli(['--config', config, '--catalog', catalogSelecting(['category_trees', 'categories'])]);
    expect(run.code, run.stderr).toBe(0);
    expect(recordsOf(run.messages, 'category_trees')).toEqual([
      { id: 2, name: 'Wholesale storefront', channels: [2] },
      { id: 3, name: 'Outlet storefront', channels: [3] },
    ]);
    expect(recordsOf(run.messages, 'categories')).toHaveLength(sandbox.snapshot('categories').length);
  });
});

describe('page walks: a record deleted during the walk never costs a live row', () => {
  it.each([
    [
      'product_variants',
      'GET /v3/catalog/variants',
      10,
      (s: SandboxHandle) => s.deleteRecords('products', [s.snapshot('product_variants')[0]!.parent_id!]),
    ],
    ['categories', 'GET /v3/catalog/trees/categories', 5, (s: SandboxHandle) => s.deleteRecords('categories', [19])],
  ] as const)(
    '%s: the walk that missed records is not closed; the closed version holds every live record',
    async (stream, route, pageSize, remove) => {
      let sandbox: SandboxHandle | undefined;
      let isDeleted = false;
      // The store clock's sleep runs before each response: after the walk's third page, delete a record of page 1,
      // which moves every later record one place up past a page boundary.
      const started = await start(
        {
          latencyMs: 1,
          clock: {
            now: () => Date.now(),
            sleep: async () => {
              if (!isDeleted && sandbox !== undefined && (sandbox.stats().byRoute[route] ?? 0) === 3) {
                isDeleted = true;
                remove(sandbox);
              }
            },
          },
        },
        { page_size: pageSize },
      );
      sandbox = started.sandbox;
      const run = await runCli(['--config', started.config, '--catalog', catalogSelecting([stream])]);
      expect(run.code, run.stderr).toBe(0);
      expect(isDeleted).toBe(true);
      expect(run.stderr).toContain(`${stream}: walking the table again to prove it complete (the table changed while it was read`);
      const keyOf = (record: Record<string, any>) => (stream === 'categories' ? record.category_id : record.id) as number;
      const written = recordsOf(run.messages, stream).map(keyOf);
      const restart = written.findIndex((id, i) => i > 0 && id < written[i - 1]!);
      const live = sandbox.snapshot(stream).map((r) => Number(r.id));
      // The first walk did skip live records (the page shift this test is about)...
      expect(live.filter((id) => !written.slice(0, restart).includes(id)).length).toBeGreaterThan(0);
      // ...and the version closed at the end holds every live record.
      const [version] = versionsOf(run.messages, stream).slice(-1);
      const inVersion = new Set(
        run.messages.filter((m) => m.type === 'RECORD' && m.stream === stream && m.version === version).map((m) => keyOf(m.record)),
      );
      expect(live.filter((id) => !inVersion.has(id))).toEqual([]);
      // One version, opened at the start (first-ever sync) and closed only after the second walk.
      expect(restart).toBeGreaterThan(0);
      expect(framing(run.messages, stream)).toEqual(['SCHEMA', 'ACTIVATE_VERSION', 'RECORD…', 'ACTIVATE_VERSION']);
    },
  );
});

describe('the silent loss in products: a variant edit does not move its product', () => {
  it('after a variant price edit, products writes nothing new for that product and product_variants writes the new price', async () => {
    const { sandbox, config } = await start();
    const catalog = catalogSelecting(['products', 'product_variants']);
    const first = await runCli(['--config', config, '--catalog', catalog]);
    expect(first.code, first.stderr).toBe(0);
    const bookmark = lastStateOf(first.messages).bookmarks.products.replication_key_value as string;
    // A product last modified before the bookmark second: an incremental run has no reason to read it again.
    const product = recordsOf(first.messages, 'products').find((p) => p.date_modified < bookmark && p.variants.length > 0)!;
    const variant = product.variants[0];
    const before = recordsOf(first.messages, 'product_variants').find((v) => v.id === variant.id)!;
    expect(before).toEqual(variant);
    const newPrice = Math.round((before.calculated_price + 10.5) * 100) / 100;

    sandbox.editVariant(variant.id, { price: newPrice });

    const second = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('state.json', lastStateOf(first.messages))]);
    expect(second.code, second.stderr).toBe(0);
    expect(recordsOf(second.messages, 'products').filter((p) => p.id === product.id)).toEqual([]);
    expect(recordsOf(second.messages, 'product_variants').find((v) => v.id === variant.id)).toEqual({
      ...before,
      price: newPrice,
      calculated_price: newPrice,
    });
  });
});
