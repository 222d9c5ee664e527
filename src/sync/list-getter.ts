import type { ApiClient, ApiPage } from '../http/types.js';
import type { Query, StreamDefinition } from '../streams/types.js';
import type { ServerClock } from './server-clock.js';

/**
 * GETs a page of a stream's list: its base query (the definition's, or a given one with includes and channel
 * filters) plus the walk's own parameters; the server's clock learns from every response.
 */
export function listGetter(options: {
  client: ApiClient;
  definition: StreamDefinition;
  serverClock: ServerClock;
  baseQuery?: Query;
  endpoint?: string;
}): (query: Query) => Promise<ApiPage> {
  const { client, definition } = options;
  const base = options.baseQuery ?? definition.query;
  return async (query) => {
    const page = await client.get({
      apiVersion: definition.api,
      path: definition.path,
      query: { ...base, ...query },
      stream: definition.name,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    options.serverClock.observe(page.serverTimeMs);
    return page;
  };
}
