import { ORDER_STATUSES, orderStatusId } from '../data/cores.js';
import { orderCoupons, orderProducts, orderShippingAddresses } from '../data/generate-orders.js';
import { orderPlan } from '../data/order-plan.js';
import { type Selection, type SortSpec, select } from '../query.js';
import { json, noContent, type Reply, v2Error } from '../responses.js';
import { type Parsed, readColonSort, readDateRange, readInt, readPaging } from './params.js';
import type { RouteHandler, RouteRequest } from './types.js';
import { v2Page } from './v2-list.js';

const SORT_FIELDS = new Set(['id', 'customer_id', 'date_created', 'date_modified', 'status_id', 'channel_id', 'external_id']);

function orderSelection(request: RouteRequest): Parsed<Selection> {
  const { query, store, options } = request;
  const minId = readInt(query, 'min_id', 'v2');
  if (!minId.ok) return minId;
  const maxId = readInt(query, 'max_id', 'v2');
  if (!maxId.ok) return maxId;
  const modified = readDateRange(query, { min: 'min_date_modified', max: 'max_date_modified' }, 'v2', options);
  if (!modified.ok) return modified;
  const created = readDateRange(query, { min: 'min_date_created', max: 'max_date_created' }, 'v2', options);
  if (!created.ok) return created;
  const statusId = readInt(query, 'status_id', 'v2');
  if (!statusId.ok) return statusId;
  const customerId = readInt(query, 'customer_id', 'v2');
  if (!customerId.ok) return customerId;
  const minTotal = Number.parseFloat(query.get('min_total') ?? '');
  const maxTotal = Number.parseFloat(query.get('max_total') ?? '');
  const email = query.get('email');
  const isDeleted = query.get('is_deleted');
  const selection: Selection = { id: { min: minId.value, max: maxId.value }, modified: modified.value, created: created.value };
  const c = store.collections.orders;
  const needsPlan = customerId.value !== undefined || email !== null || Number.isFinite(minTotal) || Number.isFinite(maxTotal);
  if (statusId.value !== undefined || needsPlan || isDeleted === 'true') {
    selection.predicate = (slot) => {
      if (isDeleted === 'true') return false; // the sandbox archives nothing
      if (statusId.value !== undefined && orderStatusId(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0) !== statusId.value)
        return false;
      if (!needsPlan) return true;
      const plan = orderPlan(store.ctx, store.meta('orders', slot));
      return (
        (customerId.value === undefined || plan.customerId === customerId.value) &&
        (email === null || plan.buyer.email === email) &&
        (!Number.isFinite(minTotal) || plan.totalIncTax >= minTotal) &&
        (!Number.isFinite(maxTotal) || plan.totalIncTax <= maxTotal)
      );
    };
  }
  return { ok: true, value: selection };
}

function orderSort(request: RouteRequest): Parsed<{ sort: SortSpec; descending: boolean }> {
  const parsed = readColonSort(request.query.get('sort'));
  if (parsed === null) return { ok: true, value: { sort: { by: 'id' }, descending: false } };
  if (!parsed.valid || !SORT_FIELDS.has(parsed.field)) return { ok: false, reply: v2Error(400, "The field 'sort' is invalid.") };
  const { store } = request;
  const c = store.collections.orders;
  let sort: SortSpec;
  switch (parsed.field) {
    case 'date_modified':
      sort = { by: 'modified' };
      break;
    case 'date_created':
      sort = { by: 'created' };
      break;
    case 'status_id':
      sort = { by: 'key', key: (slot) => orderStatusId(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0) };
      break;
    case 'customer_id':
      sort = { by: 'key', key: (slot) => orderPlan(store.ctx, store.meta('orders', slot)).customerId };
      break;
    default:
      sort = { by: 'id' }; // id; channel_id and external_id are the same for every sandbox order
  }
  return { ok: true, value: { sort, descending: parsed.descending } };
}

export const listOrders: RouteHandler = (request) => {
  const paging = readPaging(request.query, 'v2', request.options);
  if (!paging.ok) return paging.reply;
  const selection = orderSelection(request);
  if (!selection.ok) return selection.reply;
  const sort = orderSort(request);
  if (!sort.ok) return sort.reply;
  const slots = select(request.store.collections.orders, selection.value, sort.value.sort, sort.value.descending);
  return v2Page(slots, paging.value.page, paging.value.limit, (slot) => request.store.body('orders', slot));
};

export const countOrders: RouteHandler = (request) => {
  const selection = orderSelection(request);
  if (!selection.ok) return selection.reply;
  const { store } = request;
  const c = store.collections.orders;
  const slots = select(c, selection.value, { by: 'id' }, false);
  const counts = new Map<number, number>();
  for (const slot of slots) {
    const status = orderStatusId(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const statuses = ORDER_STATUSES.map((s, index) => ({
    id: s.id,
    name: s.name,
    system_label: s.name,
    custom_label: s.name,
    system_description: s.description,
    count: counts.get(s.id) ?? 0,
    sort_order: index + 1,
  }));
  return json(200, { statuses, count: slots.length });
};

function orderSlot(request: RouteRequest): number {
  return request.store.collections.orders.slotOf(request.id ?? -1);
}

export const getOrder: RouteHandler = (request) => {
  const slot = orderSlot(request);
  if (slot < 0) return v2Error(404, 'The requested resource was not found.');
  return json(200, request.store.body('orders', slot));
};

type SubResource = 'products' | 'shipping_addresses' | 'coupons';

/** `/v2/orders/{id}/products|shipping_addresses|coupons`: bare arrays, 204 when the order has none. */
export function orderSubResource(kind: SubResource): RouteHandler {
  return (request): Reply => {
    const slot = orderSlot(request);
    if (slot < 0) return v2Error(404, 'The requested resource was not found.');
    const paging = readPaging(request.query, 'v2', request.options);
    if (!paging.ok) return paging.reply;
    const { store } = request;
    const meta = store.meta('orders', slot);
    const plan = orderPlan(store.ctx, meta);
    const items =
      kind === 'products'
        ? orderProducts(store.ctx, meta, plan)
        : kind === 'coupons'
          ? orderCoupons(store.ctx, meta, plan)
          : orderShippingAddresses(store.ctx, meta, plan);
    return v2Page(items, paging.value.page, paging.value.limit, (item) => item);
  };
}

/** Shipping quotes of an order created by API or control panel: always 204, as the spec says. */
export const shippingQuotes: RouteHandler = (request) => {
  if (orderSlot(request) < 0) return v2Error(404, 'The requested resource was not found.');
  return noContent();
};
