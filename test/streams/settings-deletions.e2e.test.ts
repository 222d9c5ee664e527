import { describe, expect, it } from 'vitest';
import { runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';

const SIZE = 40;
const start = useSandbox({});
const catalogOf = (stream: string) =>
  tempJson('catalog.json', {
    streams: [{ tap_stream_id: stream, stream, schema: {}, metadata: [{ breadcrumb: [], metadata: { selected: true } }] }],
  });

/**
 * A record deleted while a table is walked shifts a page walk's later pages by one: a live record can fall
 * between two pages. The version that ACTIVATE_VERSION closes makes targets drop every row it lacks, so it must
 * hold every record still in the store.
 */
describe('a record deleted during the walk never costs a live row', () => {
  it.each([
    ['channels', 'page'],
    ['currencies', 'page'],
    ['tax_classes', 'page'],
    ['shipping_zones', 'page (an unpaged endpoint)'],
    ['locations', 'page'],
    ['pages', 'page'],
    ['price_lists', 'cursor'],
  ])('%s (%s walk)', async (stream, _walk) => {
    // Slow responses keep the walk going while the deletion lands (after the first two pages of two).
    const { sandbox, config } = await start({ sizes: { [stream]: SIZE }, latencyMs: 30 }, { page_size: 2, max_concurrency: 1 });
    const firstId = sandbox.snapshot(stream)[0]!.id;
    const run = await runCli(['--config', config, '--catalog', catalogOf(stream)], {
      afterRecords: { count: 4, run: () => sandbox.deleteRecords(stream, [firstId]) },
    });
    expect(run.code, run.stderr).toBe(0);
    const live = sandbox.snapshot(stream).map((r) => r.id);
    expect(live).toHaveLength(SIZE - 1);
    const closing = run.messages.filter((m) => m.type === 'ACTIVATE_VERSION' && m.stream === stream).at(-1);
    expect(closing, 'the walk ends in a closed version').toBeDefined();
    const written = new Set(run.messages.filter((m) => m.type === 'RECORD' && m.version === closing!.version).map((m) => m.record.id));
    expect(live.filter((id) => !written.has(id))).toEqual([]);
    // A cursor walk is complete by construction; an unpaged endpoint answers the whole table in one response.
    if (stream !== 'price_lists' && stream !== 'shipping_zones')
      expect(run.stderr).toContain(`${stream}: walking the table again to prove it complete`);
    else expect(run.stderr).not.toContain('walking the table again');
  });
});
