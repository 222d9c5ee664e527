import { describe, expect, test } from 'vitest';
import { registeredStreams, type SandboxOptions, startSandbox } from '../../sandbox/index.js';
import type { CollectionSpec } from '../../sandbox/streams/spec.js';
import type { StreamDefinition } from '../../src/streams/types.js';
import { allV2, allV3, get } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const clock = { now: () => NOW };

/** Every incremental collection of the registry: each must show every adverse behaviour. */
const INCREMENTAL = registeredStreams().flatMap(({ definition, spec }) =>
  spec.kind === 'collection' && spec.isLive ? [[definition.name, definition, spec] as const] : [],
);

function dateMin(spec: CollectionSpec): string {
  const name = spec.list.dateFilters?.find((f) => f.field === 'date_modified')?.min;
  if (name === undefined) throw new Error(`${spec.stream} has no date_modified min filter`);
  return name;
}

function sortByModified(spec: CollectionSpec): string {
  return spec.list.sort?.style === 'direction' ? 'sort=date_modified&direction=asc' : 'sort=date_modified:asc';
}

/** The list sorts by date_modified (subscribers' list has no sort at all). */
const hasModifiedSort = (spec: CollectionSpec) => spec.list.sort?.fields.date_modified !== undefined;

/** A stable order to compare lists by: date_modified where the list sorts by it, else the list's own order. */
const orderQuery = (spec: CollectionSpec) => (hasModifiedSort(spec) ? `${sortByModified(spec)}&` : '');

async function all(sb: Awaited<ReturnType<typeof startSandbox>>, definition: StreamDefinition, query: string, limit = 250) {
  const path = `/${definition.api}${definition.path}?${query}`;
  return definition.api === 'v2' ? allV2(sb, path, limit) : allV3(sb, path, limit);
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe.each(INCREMENTAL)('%s: adverse API behaviours', (stream, definition, spec) => {
  const start = (options: SandboxOptions = {}) => startSandbox({ seed: 4, clock, quota: null, sizes: { [stream]: 120 }, ...options });

  test('exclusive :min leaves out the bound second; inclusive keeps it', async () => {
    for (const minInclusive of [true, false]) {
      const sb = await start({ minInclusive });
      const pivot = sb.snapshot(stream)[40]!.date_modified!;
      const got = await all(sb, definition, `${dateMin(spec)}=${encodeURIComponent(pivot)}`);
      const expected = sb
        .snapshot(stream)
        .filter((r) => (minInclusive ? seconds(r.date_modified!) >= seconds(pivot) : seconds(r.date_modified!) > seconds(pivot)));
      expect(got.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((r) => r.id));
      await sb.close();
    }
  });

  test.runIf(hasModifiedSort(spec))(
    'ties in a date_modified sort come in the tie order asked for, the same on every page size',
    async () => {
      const sb = await start({ tieOrder: 'reverse' });
      const records = await all(sb, definition, sortByModified(spec), 7);
      expect((await all(sb, definition, sortByModified(spec), 250)).map((r) => r.id)).toEqual(records.map((r) => r.id));
      const modified = new Map(sb.snapshot(stream).map((r) => [r.id, r.date_modified]));
      let ties = 0;
      for (let i = 1; i < records.length; i++) {
        if (modified.get(records[i].id) !== modified.get(records[i - 1].id)) continue;
        ties++;
        expect(records[i].id).toBeLessThan(records[i - 1].id);
      }
      expect(ties).toBeGreaterThan(10);
      await sb.close();
    },
  );

  test.runIf(spec.list.isUnordered === true)(
    'without a sort: one stable order on every page size, neither id nor date order; `sort` is refused',
    async () => {
      const sb = await start();
      const records = await all(sb, definition, '', 7);
      expect((await all(sb, definition, '', 250)).map((r) => r.id)).toEqual(records.map((r) => r.id));
      const ids = records.map((r) => r.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(sb.snapshot(stream).map((r) => r.id));
      expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
      const byDate = [...records].sort((a, b) => seconds(a.date_modified) - seconds(b.date_modified));
      expect(records.map((r) => r.date_modified)).not.toEqual(byDate.map((r) => r.date_modified));
      expect((await get(sb, `/${definition.api}${definition.path}?sort=date_modified`)).status).toBe(definition.api === 'v3' ? 422 : 400);
      await sb.close();
    },
  );

  test('limit over 250: 413 in the version shape (reject) or 250 records (cap)', async () => {
    const reject = await start();
    const refused = await get(reject, `/${definition.api}${definition.path}?limit=251`);
    expect(refused.status).toBe(413);
    expect(Array.isArray(refused.body)).toBe(definition.api === 'v2');
    await reject.close();
    const cap = await start({ oversizeLimit: 'cap', sizes: { [stream]: 300 } });
    const capped = await get(cap, `/${definition.api}${definition.path}?limit=1000`);
    expect(definition.api === 'v2' ? capped.body.length : capped.body.data.length).toBe(250);
    await cap.close();
  });

  test('live changes modify and create records after list requests; lazy bodies equal cached ones', async () => {
    const sb = await start({ liveChanges: { everyRequests: 1, modify: 3, create: 2 } });
    const before = sb.snapshot(stream);
    await get(sb, `/${definition.api}${definition.path}?limit=1`);
    const after = sb.snapshot(stream);
    expect(after).toHaveLength(before.length + 2);
    const now = new Date(NOW).toISOString().replace('.000Z', 'Z');
    expect(after.filter((r) => r.date_modified === now).length).toBeGreaterThanOrEqual(3);
    await sb.close();
    const cached = await start();
    const lazy = await start({ lazy: true });
    const query = `${orderQuery(spec)}limit=250`;
    const strip = (records: unknown[], url: string) => JSON.stringify(records).replaceAll(url, '');
    expect(strip(await all(lazy, definition, query), lazy.url)).toBe(strip(await all(cached, definition, query), cached.url));
    await cached.close();
    await lazy.close();
  });

  test('faults and quotas apply to its routes', async () => {
    const failing = await start({ errorRate: 1 });
    const failed = await get(failing, `/${definition.api}${definition.path}`);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers.get('content-type')).toContain('text/html');
    await failing.close();
    const limited = await start({ quota: { requests: 1, windowMs: 60_000 } });
    expect((await get(limited, `/${definition.api}${definition.path}`)).headers.get('x-rate-limit-requests-left')).toBe('0');
    expect((await get(limited, `/${definition.api}${definition.path}`)).status).toBe(429);
    await limited.close();
  });
});
