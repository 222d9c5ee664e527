import { idPosition } from './orders.js';
import type { StreamDefinition } from './types.js';

/**
 * v3 catalog products, incremental on date_modified. `options`/`modifiers` are not included: BigCommerce
 * caps such pages at 10 records.
 */
export const products: StreamDefinition = {
  name: 'products',
  apiVersion: 'v3',
  path: '/catalog/products',
  keyProperties: ['id'],
  replicationMethod: 'INCREMENTAL',
  replicationKey: 'date_modified',
  validReplicationKeys: ['date_modified'],
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  baseQuery: { include: 'variants,images,custom_fields,bulk_pricing_rules,primary_image,videos' },
  subResources: [],
  incremental: {
    byModified: (min, max, limit) => ({
      'date_modified:min': min,
      'date_modified:max': max,
      sort: 'date_modified',
      direction: 'asc',
      limit,
    }),
    withinSecond: (min, max, position, limit) => ({
      'date_modified:min': min,
      'date_modified:max': max,
      sort: 'id',
      direction: 'asc',
      'id:min': position?.id,
      limit,
    }),
    nextPosition: (page, position) => idPosition(page.records, position),
    walksById: true,
    isPastPosition: (record, position) => position?.id === undefined || Number(record.id) > position.id,
  },
  probeQuery: { limit: 1 },
};
