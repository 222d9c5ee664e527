import type { StreamDefinition } from './types.js';

const isZero = (value: unknown) => value === 0 || value === '0';

/** v2 orders, incremental on date_modified; line items, shipping addresses and coupons as nested arrays. */
export const orders: StreamDefinition = {
  name: 'orders',
  apiVersion: 'v2',
  path: '/orders',
  keyProperties: ['id'],
  replicationMethod: 'INCREMENTAL',
  replicationKey: 'date_modified',
  validReplicationKeys: ['date_modified'],
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  baseQuery: {},
  subResources: [
    { field: 'products', pathSuffix: '/products' },
    {
      field: 'shipping_addresses',
      pathSuffix: '/shipping_addresses',
      isProvablyEmpty: (order) => isZero(order.shipping_address_count),
    },
    { field: 'coupons', pathSuffix: '/coupons' },
  ],
  incremental: {
    byModified: (min, max, limit) => ({
      min_date_modified: min,
      max_date_modified: max,
      sort: 'date_modified:asc',
      limit,
    }),
    // min_id may be inclusive or exclusive: ask from the last written id and drop it.
    withinSecond: (min, max, position, limit) => ({
      min_date_modified: min,
      max_date_modified: max,
      sort: 'id:asc',
      min_id: position?.id,
      limit,
    }),
    nextPosition: (page, position) => idPosition(page.records, position),
    walksById: true,
    isPastPosition: (record, position) => position?.id === undefined || Number(record.id) > position.id,
  },
  countPath: '/orders/count',
  probeQuery: { limit: 1 },
};

/** The position after an id-ordered page: the largest id seen. */
export function idPosition(records: Record<string, unknown>[], position: { id?: number } | null): { id: number } | null {
  let max = position?.id ?? -Infinity;
  for (const record of records) {
    const id = Number(record.id);
    if (id > max) max = id;
  }
  return Number.isFinite(max) ? { id: max } : null;
}
