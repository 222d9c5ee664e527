import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { StreamDefinition, SubResourceDefinition } from '../streams/types.js';
import { fetchAllPages, fetchObject } from './fetch-all-pages.js';

/**
 * Fetches a record's sub-resources (an order's line items, shipping addresses, coupons) from
 * `{api_url}/stores/{hash}/v2/orders/{id}/...`, never from the link objects' URLs, and replaces the link
 * objects with the lists. Only selected sub-resources are requested; one the record proves empty costs nothing.
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
      const path = `${definition.path}/${encodeURIComponent(String(record.id))}${sub.pathSuffix}`;
      const endpoint = `${definition.name}.${sub.field}`;
      const fetched = sub.fromObject
        ? fetchObject(client, { api: definition.api, path, stream: definition.name, endpoint, query: sub.query ?? {} }).then((body) =>
            body === null ? null : sub.fromObject!(body),
          )
        : fetchAllPages(client, { api: definition.api, path, stream: definition.name, endpoint, pageSize, query: sub.query ?? {} });
      jobs.push(
        fetched.then((value) => {
          // A record deleted between the list and this request: its sub-resource is gone, not an error.
          if (value === null) logger.warn(`${definition.name}: ${path} returned 404 (deleted meanwhile?); writing an empty ${sub.field}`);
          record[sub.field] = value ?? (sub.fromObject ? null : []);
        }),
      );
    }
  }
  await Promise.all(jobs);
}
