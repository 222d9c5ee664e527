import type { JsonObject, RecordMeta } from '../data/context.js';
import { ORDER_STATUSES } from '../data/cores.js';
import { defineCollection } from './spec.js';

/** The Control Panel's display order of each status (`order`), as the spec's example lists it. */
const DISPLAY_ORDER = [0, 1, 8, 6, 11, 9, 10, 2, 5, 4, 7, 3, 13, 12, 14] as const;

/** One status: the same names and descriptions as the orders' `status` and `/v2/orders/count`. */
function statusBody(_ctx: unknown, meta: RecordMeta): JsonObject {
  const status = ORDER_STATUSES[meta.id];
  if (status === undefined) throw new RangeError(`order status ${meta.id} does not exist (0-${ORDER_STATUSES.length - 1})`);
  return {
    id: status.id,
    name: status.name,
    system_label: status.name,
    custom_label: status.name,
    system_description: status.description,
    order: DISPLAY_ORDER[meta.id] ?? meta.id,
  };
}

/**
 * `GET /v2/order_statuses` (orders.v2.oas2.yml): the 15 statuses, a bare array. The spec lists no parameters;
 * the sandbox pages it like every v2 list (`page`, `limit`). Also `GET /v2/order_statuses/{status_id}`.
 */
export const orderStatuses = defineCollection({
  stream: 'order_statuses',
  resource: 'orders',
  defaultSize: ORDER_STATUSES.length,
  firstId: 0,
  fixedIds: ORDER_STATUSES.map((s) => s.id),
  hasDateModified: false,
  isLive: false,
  body: statusBody,
  list: { envelope: 'v2', idFilters: [] },
  hasSingle: true,
});
