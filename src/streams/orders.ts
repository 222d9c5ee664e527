import { consignmentsFromResponse, orderEmbeddedDetails } from './support/order-consignments.js';
import { defineStream } from './types.js';

const isZero = (value: unknown) => value === 0 || value === '0';

/**
 * v2 orders, incremental on date_modified. Line items, shipping addresses, consignments and fees come embedded
 * in the list (`include=consignments.line_items,fees`) where each order proves them complete, else from the
 * order's own sub-resource requests; coupons always cost one request per order (nothing in the order proves
 * it has none).
 */
export const orders = defineStream({
  name: 'orders',
  api: 'v2',
  path: '/orders',
  key: ['id'],
  replication: {
    method: 'INCREMENTAL',
    replicationKey: 'date_modified',
    window: { min: 'min_date_modified', max: 'max_date_modified' },
    walk: { kind: 'keyset', sort: { sort: 'date_modified:asc' }, withinSecond: { by: 'id', idMin: 'min_id', sort: { sort: 'id:asc' } } },
  },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'orders with line items (`products`), `shipping_addresses`, `coupons`, `consignments` and `fees`',
  requestCost: '1 per 250 orders + 1 per order for `coupons` (line items and addresses embedded), + a few',
  countPath: '/orders/count',
  subResources: [
    { field: 'products', pathSuffix: '/products' },
    { field: 'shipping_addresses', pathSuffix: '/shipping_addresses', isProvablyEmpty: (order) => isZero(order.shipping_address_count) },
    { field: 'coupons', pathSuffix: '/coupons' },
    {
      field: 'consignments',
      pathSuffix: '/consignments',
      query: { include: 'consignments.line_items' },
      fromObject: consignmentsFromResponse,
    },
    { field: 'fees', pathSuffix: '/fees', fromObject: (body) => (Array.isArray(body.fees) ? body.fees : []) },
  ],
  embedded: orderEmbeddedDetails,
  // Orders are archived, never deleted: listed by the (undocumented) is_deleted=true filter when the API honours
  // it, else found by comparing the live ids (a scan by min_id) with the known ones, each read by its own path.
  deletions: {
    kind: 'archive',
    scan: { walk: { by: 'id', idMin: 'min_id' }, query: {} },
    confirm: { byRecordPath: true },
    archive: { param: 'is_deleted', value: 'true', field: 'is_deleted' },
  },
  channels: { param: 'channel_id', isParamList: false, recordFields: [{ field: 'channel_id', isList: false }] },
  isCore: true,
});
