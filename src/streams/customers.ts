import type { ApiPage } from '../http/types.js';
import type { SecondPosition, StreamDefinition } from './types.js';

interface CursorMeta {
  meta?: { cursor_pagination?: { end_cursor?: string | null } };
}

/**
 * v3 customers, incremental on date_modified. Customers have no id range filter, so a second holding more
 * than a page of customers is walked with the API's cursor pagination (`after`) inside that exact second.
 */
export const customers: StreamDefinition = {
  name: 'customers',
  apiVersion: 'v3',
  path: '/customers',
  keyProperties: ['id'],
  replicationMethod: 'INCREMENTAL',
  replicationKey: 'date_modified',
  validReplicationKeys: ['date_modified'],
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  baseQuery: { include: 'addresses,storecredit,attributes,formfields' },
  subResources: [],
  incremental: {
    byModified: (min, max, limit) => ({
      'date_modified:min': min,
      'date_modified:max': max,
      sort: 'date_modified:asc',
      limit,
    }),
    withinSecond: (min, max, position, limit) => ({
      'date_modified:min': min,
      'date_modified:max': max,
      limit,
      after: position?.after,
      // Without a cursor (the API gave none), fall back to page numbers inside the second.
      page: position?.after === undefined && position?.page !== undefined ? position.page : undefined,
    }),
    nextPosition: (page: ApiPage, position: SecondPosition | null) => {
      const cursor = (page.body as CursorMeta | null)?.meta?.cursor_pagination?.end_cursor;
      const last = page.records[page.records.length - 1];
      const id = last === undefined ? position?.id : Number(last.id);
      if (typeof cursor === 'string' && cursor !== '' && cursor !== position?.after) {
        return id === undefined ? { after: cursor } : { after: cursor, id };
      }
      if (page.records.length === 0) return position;
      // No usable cursor: walk page numbers (less safe under concurrent edits; logged by the engine).
      return { page: (position?.page ?? 1) + 1, ...(id === undefined ? {} : { id }) };
    },
    walksById: false,
    isPastPosition: () => true,
  },
  probeQuery: { limit: 1 },
};
