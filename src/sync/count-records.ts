import type { ApiClient, ApiPage } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { Query, StreamDefinition } from '../streams/types.js';
import type { ServerClock } from './server-clock.js';

/** v3 `meta.pagination.total`: the records a list query matches. */
export function totalOf(page: ApiPage): number | undefined {
  const total = (page.body as { meta?: { pagination?: { total?: unknown } } } | null)?.meta?.pagination?.total;
  return typeof total === 'number' ? total : undefined;
}

/**
 * The number of records matching `filters`, in one cheap request: the stream's count endpoint (v2 `/count`),
 * else, when `listQuery` is given, a one-record page's `meta.pagination.total` (v3). Undefined when the API
 * doesn't say; failures are logged at debug level (counts serve progress and planning: the list requests
 * report real problems).
 */
export async function countRecords(options: {
  client: ApiClient;
  definition: StreamDefinition;
  filters: Query;
  /** The list query (limit 1) to read a v3 total from when there is no count endpoint. */
  listQuery?: Query;
  serverClock: ServerClock;
  logger: Logger;
  endpoint: string;
}): Promise<number | undefined> {
  const { client, definition } = options;
  try {
    if (definition.countPath) {
      const page = await client.get({
        apiVersion: definition.api,
        path: definition.countPath,
        query: options.filters,
        stream: definition.name,
        endpoint: options.endpoint,
      });
      options.serverClock.observe(page.serverTimeMs);
      const count = (page.records[0] as { count?: unknown } | undefined)?.count;
      return typeof count === 'number' ? count : undefined;
    }
    if (definition.api !== 'v3' || options.listQuery === undefined) return undefined;
    const page = await client.get({
      apiVersion: definition.api,
      path: definition.path,
      query: options.listQuery,
      stream: definition.name,
      endpoint: options.endpoint,
    });
    options.serverClock.observe(page.serverTimeMs);
    return totalOf(page);
  } catch (error) {
    options.logger.debug(`${definition.name}: no record count (${(error as Error).message})`);
    return undefined;
  }
}
