import type { StreamDefinition } from './types.js';

/** Coupons have no modification date: full table, paged by id (`min_id`), framed by ACTIVATE_VERSION. */
export const coupons: StreamDefinition = {
  name: 'coupons',
  apiVersion: 'v2',
  path: '/coupons',
  keyProperties: ['id'],
  replicationMethod: 'FULL_TABLE',
  validReplicationKeys: [],
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  baseQuery: {},
  subResources: [],
  countPath: '/coupons/count',
  probeQuery: { limit: 1 },
};
