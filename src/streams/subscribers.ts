import { defineStream } from './types.js';

/**
 * v3 newsletter subscribers, incremental on date_modified. The list has `date_modified:min`/`:max` but no sort,
 * no cursor and no id range (subscribers.v3.yml): the fixed window is split on the date filters until each
 * part fits in one page (its `meta.pagination.total`), and the parts are read in time order. Deleted
 * subscribers become tombstones (`detect_deletes`).
 */
export const subscribers = defineStream({
  name: 'subscribers',
  api: 'v3',
  path: '/customers/subscribers',
  key: ['id'],
  replication: {
    method: 'INCREMENTAL',
    replicationKey: 'date_modified',
    window: { min: 'date_modified:min', max: 'date_modified:max' },
    walk: { kind: 'split-window' },
  },
  scope: { label: 'Customers', id: 'store_v2_customers_read_only' },
  description: 'newsletter subscribers (customers or not) with their consents',
  requestCost: '1 while the window fits one page; else about 2 per 250 subscribers + a few per split (20 for 300)',
  channels: { recordFields: [{ field: 'channel_id', isList: false }] },
  // An unsubscribe deletes the row (DELETE /customers/subscribers). The list has no id range: the scan walks
  // pages, and a live id a shifting page hid is caught by the `id:in` confirmation, never tombstoned.
  deletions: { kind: 'hard', scan: { walk: { by: 'page' }, query: {} }, confirm: { inParam: 'id:in', batchSize: 100 } },
});
