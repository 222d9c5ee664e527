import { defineStream } from './types.js';

/**
 * v2 customer groups, full table. The list has name and date filters but no id range and no sort (customer-group
 * id ascending by default), so it is walked by page; v2 pages report no total, so a walk of more than one page
 * is proven complete by a second identical walk.
 */
export const customerGroups = defineStream({
  name: 'customer_groups',
  api: 'v2',
  path: '/customer_groups',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: 'customer groups with their discount rules and category access',
  requestCost: '1 per 250 groups, + 2 (count, last empty page); twice that when the groups fill more than a page',
  countPath: '/customer_groups/count',
});
