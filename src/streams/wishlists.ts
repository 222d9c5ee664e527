import { defineStream } from './types.js';

/** v3 wishlists with their items, full table: the list filters only by `customer_id`, so it is walked by page. */
export const wishlists = defineStream({
  name: 'wishlists',
  api: 'v3',
  path: '/wishlists',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: "customers' wishlists with their items (product and variant ids)",
  requestCost: '1 per 250 wishlists, + 1 (last empty page)',
});
