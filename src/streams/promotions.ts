import { defineStream } from './types.js';

/**
 * v3 promotions (automatic and coupon promotions, with their rules), full table. The list filters by `id`,
 * name, code, status and `channels` and sorts by id, but has no id range and no cursor: it is walked by page
 * (id order), proven complete by steady `meta.pagination.total`s. Promotions that target every channel have
 * `channels: []` and come back for any `channels` filter.
 */
export const promotions = defineStream({
  name: 'promotions',
  api: 'v3',
  path: '/promotions',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  description: 'promotions (automatic and coupon) with their rules, customer and channel targeting and codes',
  requestCost: '1 per 250 promotions, + 1 (last empty page)',
  channels: { param: 'channels', isParamList: true },
});
