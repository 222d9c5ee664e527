import { defineStream } from './types.js';

/**
 * v3 customers, incremental on date_modified. Customers have no id range filter, so a second holding more
 * than a page of customers is walked with the API's cursor pagination (`after`) inside that exact second.
 */
export const customers = defineStream({
  name: 'customers',
  api: 'v3',
  path: '/customers',
  key: ['id'],
  replication: {
    method: 'INCREMENTAL',
    replicationKey: 'date_modified',
    window: { min: 'date_modified:min', max: 'date_modified:max' },
    walk: { kind: 'keyset', sort: { sort: 'date_modified:asc' }, withinSecond: { by: 'cursor' } },
  },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: 'customers with addresses, store credit, attributes and form fields',
  requestCost: '1 per 250 customers, + a few',
  query: { include: 'addresses,storecredit,attributes,formfields' },
  // Deleted customers disappear: a scan by cursor (customers have no id range filter nor include_fields; no
  // include keeps the pages small), `id:in` confirms.
  deletions: { kind: 'hard', scan: { walk: { by: 'cursor' }, query: {} }, confirm: { inParam: 'id:in', batchSize: 100 } },
  channels: {
    recordFields: [
      { field: 'origin_channel_id', isList: false },
      { field: 'channel_ids', isList: true },
    ],
  },
  isCore: true,
});
