import { defineStream } from './types.js';

/**
 * v3 customer attribute definitions (the values are in `customers.attributes`), full table. The list filters by
 * name, type and dates but has no id range and no sort: it is walked by page.
 */
export const customerAttributes = defineStream({
  name: 'customer_attributes',
  api: 'v3',
  path: '/customers/attributes',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: 'customer attribute definitions (name and type; the values are in `customers.attributes`)',
  requestCost: '1 per 250 attributes, + 1 (last empty page)',
});
