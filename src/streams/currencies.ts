import { defineStream } from './types.js';

/** `GET /v2/currencies` (currencies.v2.yml): `page` and `limit` only (no id filter, no sort): walked by page. */
export const currencies = defineStream({
  name: 'currencies',
  api: 'v2',
  path: '/currencies',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Information & Settings', id: 'store_v2_information_read_only' },
  description: "store currencies with exchange rates and display formats: what orders' `currency_id` names",
  requestCost: '1 per 250 currencies, + 1 (the end)',
});
