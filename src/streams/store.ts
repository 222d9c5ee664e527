import { defineStream } from './types.js';

/**
 * `GET /v2/store` (store_information.v2.yml): one object, the store's profile and global settings, keyed by the
 * store hash (`id`). Read whole on every run and framed by ACTIVATE_VERSION like every full table.
 */
export const store = defineStream({
  name: 'store',
  api: 'v2',
  path: '/store',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'single' } },
  scope: { label: 'Information & Settings', id: 'store_v2_information_read_only' },
  description: "the store's profile and settings: one record, keyed by the store hash",
  requestCost: '1',
});
