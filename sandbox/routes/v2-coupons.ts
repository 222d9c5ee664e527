import { COUPON_TYPES, couponCore } from '../data/cores.js';
import { type Selection, select } from '../query.js';
import { json, v2Error } from '../responses.js';
import { readInt, readPaging } from './params.js';
import type { RouteHandler, RouteRequest } from './types.js';
import { v2Page } from './v2-list.js';

/** Coupons have no date filter and no sort: id ascending, `min_id`/`max_id`/`id`/`code`/`name`/`type`. */
function couponSelection(request: RouteRequest): { ok: true; value: Selection } | { ok: false; reply: ReturnType<typeof v2Error> } {
  const { query, store } = request;
  const minId = readInt(query, 'min_id', 'v2');
  if (!minId.ok) return minId;
  const maxId = readInt(query, 'max_id', 'v2');
  if (!maxId.ok) return maxId;
  const id = readInt(query, 'id', 'v2');
  if (!id.ok) return id;
  const selection: Selection = { id: { min: minId.value, max: maxId.value } };
  if (id.value !== undefined) selection.idIn = new Set([id.value]);
  const code = query.get('code');
  const name = query.get('name');
  const type = query.get('type');
  const excludeType = query.get('exclude_type');
  if (type !== null && !(COUPON_TYPES as readonly string[]).includes(type)) {
    return { ok: false, reply: v2Error(400, "The field 'type' is invalid.") };
  }
  if (code !== null || name !== null || type !== null || excludeType !== null) {
    const c = store.collections.coupons;
    selection.predicate = (slot) => {
      const core = couponCore(store.ctx.seed, c.ids[slot] ?? 0);
      return (
        (code === null || core.code === code) &&
        (name === null || core.name === name) &&
        (type === null || core.type === type) &&
        (excludeType === null || core.type !== excludeType)
      );
    };
  }
  return { ok: true, value: selection };
}

export const listCoupons: RouteHandler = (request) => {
  const paging = readPaging(request.query, 'v2', request.options);
  if (!paging.ok) return paging.reply;
  const selection = couponSelection(request);
  if (!selection.ok) return selection.reply;
  const slots = select(request.store.collections.coupons, selection.value, { by: 'id' }, false);
  return v2Page(slots, paging.value.page, paging.value.limit, (slot) => request.store.body('coupons', slot));
};

export const countCoupons: RouteHandler = (request) => {
  const selection = couponSelection(request);
  if (!selection.ok) return selection.reply;
  return json(200, { count: select(request.store.collections.coupons, selection.value, { by: 'id' }, false).length });
};

export const getCoupon: RouteHandler = (request) => {
  const slot = request.store.collections.coupons.slotOf(request.id ?? -1);
  if (slot < 0) return v2Error(404, 'The requested resource was not found.');
  return json(200, request.store.body('coupons', slot));
};
