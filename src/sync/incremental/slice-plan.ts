import { floorToSecond, formatFilterInstant, parseApiDateMs } from '../../dates.js';
import type { ApiClient } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import type { Query, StreamDefinition } from '../../streams/types.js';
import { countRecords } from '../count-records.js';
import type { ServerClock } from '../server-clock.js';
import { keysetOf, windowQuery } from './keyset-queries.js';
import type { WalkCursor } from './keyset-steps.js';

/** One part of a stream's window, walked on its own: records with `date_modified` in [start, end). */
export interface Slice {
  start: WalkCursor;
  /** Exclusive end; undefined for the last slice (it ends at the window's upper end). */
  endMs?: number;
}

export interface SlicePlan {
  slices: Slice[];
  /** Records in the window, when the API said it. */
  total?: number;
}

/** Below this many pages per slice, splitting costs more requests than it saves time. */
const MIN_PAGES_PER_SLICE = 2;

/**
 * Splits an incremental stream's window into slices of about equal record counts, so several keyset walks
 * can run at once (a keyset walk is one request at a time; with network latency the quota would go unused).
 * The record count comes from the stream's count endpoint or v3's `meta.pagination.total`; the boundaries
 * from probes of single records at evenly spaced ranks of the date_modified order. The probes only balance
 * the slices: each slice is still walked by value, so churn between probes and walks costs nothing in
 * correctness.
 */
export async function planSlices(options: {
  client: ApiClient;
  definition: StreamDefinition;
  start: WalkCursor;
  upperMs: number;
  pageSize: number;
  maxSlices: number;
  serverClock: ServerClock;
  logger: Logger;
  /** The list query (includes, channel filter). */
  listQuery?: Query;
}): Promise<SlicePlan> {
  const { client, definition, start, upperMs, pageSize, logger } = options;
  const single: SlicePlan = { slices: [{ start }] };
  const min = formatFilterInstant(start.secondMs);
  const max = formatFilterInstant(upperMs);
  const { window } = keysetOf(definition);
  const total = await countRecords({
    ...options,
    filters: { [window.min]: min, [window.max]: max },
    listQuery: windowQuery(definition, min, max, 1, options.listQuery ?? definition.query),
    endpoint: `${definition.name}.plan`,
  });
  if (total === undefined) return single;
  const sliceCount = Math.min(options.maxSlices, Math.floor(total / (pageSize * MIN_PAGES_PER_SLICE)));
  if (sliceCount < 2) return { ...single, total };

  const ranks = Array.from({ length: sliceCount - 1 }, (_, i) => Math.floor(((i + 1) * total) / sliceCount));
  const boundaries = await Promise.all(
    ranks.map(async (rank) => {
      try {
        const page = await client.get({
          apiVersion: definition.api,
          path: definition.path,
          query: { ...windowQuery(definition, min, max, 1, options.listQuery ?? definition.query), page: rank + 1 },
          stream: definition.name,
          endpoint: `${definition.name}.plan`,
        });
        options.serverClock.observe(page.serverTimeMs);
        const ms = parseApiDateMs(page.records[0]?.[keysetOf(definition).replicationKey]);
        return ms === null ? null : floorToSecond(ms);
      } catch (error) {
        logger.debug(`${definition.name}: slice probe failed (${(error as Error).message})`);
        return null;
      }
    }),
  );
  const cuts = [...new Set(boundaries.filter((b): b is number => b !== null && b > start.secondMs && b <= upperMs))].sort((a, b) => a - b);
  if (cuts.length === 0) return { ...single, total };
  const slices: Slice[] = [{ start, endMs: cuts[0]! }];
  cuts.forEach((cut, i) => {
    const next = cuts[i + 1];
    slices.push(
      next === undefined ? { start: { secondMs: cut, position: null } } : { start: { secondMs: cut, position: null }, endMs: next },
    );
  });
  logger.info(`${definition.name}: ${total.toLocaleString('en-US')} records in the window, walked in ${slices.length} slices at once`);
  return { slices, total };
}
