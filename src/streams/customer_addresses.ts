import { defineStream } from './types.js';

/**
 * v3 customer addresses, full table: an address edit may not touch its customer's `date_modified`, so the
 * addresses embedded in `customers` can go stale; this table reads them all every run. The list filters by
 * `id:in`, `customer_id:in`, `company:in` and `name:in` but has no id range and no sort: it is walked by page,
 * proven complete by steady `meta.pagination.total`s.
 */
export const customerAddresses = defineStream({
  name: 'customer_addresses',
  api: 'v3',
  path: '/customers/addresses',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: "every customer's addresses, with `customer_id` and form fields (catches address edits)",
  requestCost: '1 per 250 addresses, + 1 (last empty page)',
  query: { include: 'formfields' },
});
