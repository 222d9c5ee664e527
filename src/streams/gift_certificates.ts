import { defineStream } from './types.js';

/** v2 gift certificates have no modification date: full table, walked by id (`min_id`, `sort=id`). */
export const giftCertificates = defineStream({
  name: 'gift_certificates',
  api: 'v2',
  path: '/gift_certificates',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'min_id', sort: { sort: 'id', direction: 'asc' } } },
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  description: 'gift certificates with their balance and status (no modification date)',
  requestCost: '1 per 250 gift certificates, + 2 (the last id again, then an empty page)',
});
