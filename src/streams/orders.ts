import { defineStream } from './types.js';

const isZero = (value: unknown) => value === 0 || value === '0';

/** v2 orders, incremental on date_modified; line items, shipping addresses and coupons as nested arrays. */
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
  description: 'orders with line items (`products`), `shipping_addresses` and `coupons`',
  requestCost: '1 per 250 orders + up to 3 per order, + a few',
  countPath: '/orders/count',
  subResources: [
    { field: 'products', pathSuffix: '/products' },
    { field: 'shipping_addresses', pathSuffix: '/shipping_addresses', isProvablyEmpty: (order) => isZero(order.shipping_address_count) },
    { field: 'coupons', pathSuffix: '/coupons' },
  ],
  isCore: true,
});
