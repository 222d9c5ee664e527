import { defineStream } from './types.js';

/** Coupons have no modification date: full table, walked by id (`min_id`), framed by ACTIVATE_VERSION. */
export const coupons = defineStream({
  name: 'coupons',
  api: 'v2',
  path: '/coupons',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'min_id' } },
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  description: 'legacy coupons (coupons have no modification date)',
  requestCost: '1 per 250 coupons, + 2 (count, last empty page)',
  countPath: '/coupons/count',
  isCore: true,
});
