import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { StreamDefinition, SubResourceDefinition } from '../streams/types.js';

/** BigCommerce's default page size: a page of exactly this many may mean the server ignored `limit`. */
const API_DEFAULT_LIMIT = 50;

/**
 * Fetches an order's sub-resources (line items, shipping addresses, coupons) from
 * `{api_url}/stores/{hash}/v2/orders/{id}/...`, never from the link objects' URLs, and replaces the link
 * objects with the lists. Only selected sub-resources are requested; one the order proves empty costs nothing.
 */
export async function attachSubResources(
  client: ApiClient,
  definition: StreamDefinition,
  subResources: readonly SubResourceDefinition[],
  records: Record<string, unknown>[],
  pageSize: number,
  logger: Logger,
): Promise<void> {
  if (subResources.length === 0) return;
  const jobs: Promise<void>[] = [];
  for (const record of records) {
    for (const sub of subResources) {
      if (sub.isProvablyEmpty?.(record)) {
        record[sub.field] = [];
        continue;
      }
      jobs.push(
        fetchAll(
          client,
          definition,
          `${definition.path}/${encodeURIComponent(String(record.id))}${sub.pathSuffix}`,
          sub,
          pageSize,
          logger,
        ).then((list) => {
          record[sub.field] = list;
        }),
      );
    }
  }
  await Promise.all(jobs);
}

async function fetchAll(
  client: ApiClient,
  definition: StreamDefinition,
  path: string,
  sub: SubResourceDefinition,
  pageSize: number,
  logger: Logger,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    let records: Record<string, unknown>[];
    try {
      ({ records } = await client.get({
        apiVersion: definition.apiVersion,
        path,
        query: { page, limit: pageSize },
        stream: definition.name,
        endpoint: `${definition.name}.${sub.field}`,
      }));
    } catch (error) {
      // An order deleted between the list and this request: its sub-resource is gone, not an error.
      if ((error as { status?: number }).status === 404) {
        logger.warn(`${definition.name}: ${path} returned 404 (deleted meanwhile?); writing an empty ${sub.field} list`);
        return all;
      }
      throw error;
    }
    all.push(...records);
    // A short page is the last one, unless it is exactly the API's default size (limit ignored): then ask on.
    if (records.length === 0 || (records.length < pageSize && records.length !== API_DEFAULT_LIMIT)) return all;
  }
}
