import { defineStream } from './types.js';

/**
 * v2 order statuses: the 15 statuses every order's `status_id` names, with the store's custom labels. The spec
 * gives the endpoint no parameters (no id filter, no paging): walked by page, proven complete by one short
 * response (the API may ignore `page`; a repeated page brings nothing new and ends the walk).
 */
export const orderStatuses = defineStream({
  name: 'order_statuses',
  api: 'v2',
  path: '/order_statuses',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'the order statuses (id, system and custom labels) that orders\u2019 `status_id` names',
  requestCost: '2 (the 15 statuses in one page, + 1 (the end)); with `page_size` under 16, a second walk to prove the table',
});
