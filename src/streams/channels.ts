import { defineStream } from './types.js';

/**
 * `GET /v3/channels` (channels.v3.yml): no id filter and no sort (filters on status, type, platform and dates
 * only), so the table is walked by page and proven complete before its version closes. `include=currencies`
 * adds each channel's enabled and default currencies. Every channel is read whatever `channel_ids` says: it is
 * the table the `channel_id` of orders, customers and pages names.
 */
export const channels = defineStream({
  name: 'channels',
  api: 'v3',
  path: '/channels',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Channel Settings', id: 'store_channel_settings_read_only' },
  description: 'sales channels (storefronts, marketplaces, POS) with their currencies: what `channel_id` names',
  requestCost: '1 per 250 channels, + 1 (the end)',
  query: { include: 'currencies' },
});
