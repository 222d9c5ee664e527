import type { JsonObject } from '../data/context.js';
import { customerCore } from '../data/cores.js';
import { type Selection, type SortSpec, select } from '../query.js';
import { json, type Reply, v3Error } from '../responses.js';
import { type Parsed, readColonSort, readDateRange, readIntList, readPaging, rejectUnknownFilters } from './params.js';
import type { RouteHandler, RouteRequest } from './types.js';
import { paginationMeta, queryLink } from './v3-envelope.js';

/** Every parameter `GET /v3/customers` knows; anything else is a 422. Unlisted ones are accepted and ignored. */
const ALLOWED = new Set([
  'page',
  'limit',
  'id:in',
  'company:in',
  'customer_group_id:in',
  'email:in',
  'name:in',
  'name:like',
  'phone:in',
  'registration_ip_address:in',
  'date_created',
  'date_created:min',
  'date_created:max',
  'date_modified',
  'date_modified:min',
  'date_modified:max',
  'include',
  'sort',
  'after',
  'before',
]);
const SORTS = new Set(['date_created', 'last_name', 'date_modified']);

/** Cursor strings are base64 of `id:<n>`, like the spec's `aWQ6Nw==`. */
export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString('base64');
}

function decodeCursor(raw: string): number | null {
  const match = /^id:(\d+)$/.exec(Buffer.from(raw, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function customerSelection(request: RouteRequest): Parsed<Selection> {
  const { query, options, store } = request;
  const ids = readIntList(query, 'id:in', 'v3');
  if (!ids.ok) return ids;
  const groups = readIntList(query, 'customer_group_id:in', 'v3');
  if (!groups.ok) return groups;
  const modified = readDateRange(query, { min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' }, 'v3', options);
  if (!modified.ok) return modified;
  const created = readDateRange(query, { min: 'date_created:min', max: 'date_created:max', eq: 'date_created' }, 'v3', options);
  if (!created.ok) return created;
  const selection: Selection = { idIn: ids.value, modified: modified.value, created: created.value };
  const emails = query.get('email:in');
  const emailSet = emails === null ? null : new Set(emails.split(',').map((e) => e.trim().toLowerCase()));
  const groupSet = groups.value;
  if (emailSet !== null || groupSet !== undefined) {
    const c = store.collections.customers;
    selection.predicate = (slot) => {
      const core = customerCore(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0);
      return (
        (emailSet === null || emailSet.has(core.email.toLowerCase())) && (groupSet === undefined || groupSet.has(core.customerGroupId))
      );
    };
  }
  return { ok: true, value: selection };
}

function customerSort(request: RouteRequest): Parsed<{ sort: SortSpec; descending: boolean }> {
  const parsed = readColonSort(request.query.get('sort'));
  if (parsed === null) return { ok: true, value: { sort: { by: 'id' }, descending: false } };
  if (!parsed.valid || !SORTS.has(parsed.field)) {
    return {
      ok: false,
      reply: v3Error(422, `The sort ${request.query.get('sort') ?? ''} is not valid.`, {
        sort: 'must be one of date_created, last_name, date_modified with :asc or :desc',
      }),
    };
  }
  const { store } = request;
  const c = store.collections.customers;
  const sort: SortSpec =
    parsed.field === 'date_modified'
      ? { by: 'modified' }
      : parsed.field === 'date_created'
        ? { by: 'created' }
        : { by: 'key', key: (slot) => customerCore(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0).lastName };
  return { ok: true, value: { sort, descending: parsed.descending } };
}

/** Strips the sub-resources the request did not `include`. */
function render(body: JsonObject, include: ReadonlySet<string>): JsonObject {
  const { addresses, attributes, form_fields: formFields, store_credit_amounts: storeCredit, ...rest } = body;
  const out: JsonObject = { ...rest };
  if (include.has('addresses')) out.addresses = addresses;
  if (include.has('attributes')) out.attributes = attributes;
  if (include.has('formfields')) out.form_fields = formFields;
  if (include.has('storecredit')) out.store_credit_amounts = storeCredit;
  if (include.has('shopper_profile_id')) out.shopper_profile_id = '';
  if (include.has('segment_ids')) out.segment_ids = [];
  return out;
}

function cursorMeta(query: URLSearchParams, ids: number[], perPage: number, hasBefore: boolean, hasAfter: boolean): JsonObject {
  const links: Record<string, string> = {};
  const first = ids[0];
  const last = ids[ids.length - 1];
  const drop = ['page', 'after', 'before'];
  if (hasBefore && first !== undefined) links.previous = queryLink(query, drop, [['before', encodeCursor(first)]]);
  if (hasAfter && last !== undefined) links.next = queryLink(query, drop, [['after', encodeCursor(last)]]);
  const meta: JsonObject = { count: ids.length, per_page: perPage };
  if (first !== undefined && last !== undefined) {
    meta.start_cursor = encodeCursor(first);
    meta.end_cursor = encodeCursor(last);
  }
  meta.links = links;
  return meta;
}

export const listCustomers: RouteHandler = (request): Reply => {
  const { query, store } = request;
  const unknown = rejectUnknownFilters(query, ALLOWED);
  if (unknown) return unknown;
  const paging = readPaging(query, 'v3', request.options);
  if (!paging.ok) return paging.reply;
  const selection = customerSelection(request);
  if (!selection.ok) return selection.reply;
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()));
  const c = store.collections.customers;
  const { limit, page } = paging.value;
  const after = query.get('after');
  const before = query.get('before');
  if (after !== null || before !== null) {
    const cursorId = decodeCursor((after ?? before) as string);
    if (cursorId === null) return v3Error(422, 'The cursor is not valid.', { [after !== null ? 'after' : 'before']: 'invalid cursor' });
    const all = select(c, selection.value, { by: 'id' }, false);
    let from: number;
    let to: number;
    if (after !== null) {
      from = all.findIndex((slot) => (c.ids[slot] ?? 0) > cursorId);
      if (from < 0) from = all.length;
      to = Math.min(all.length, from + limit);
    } else {
      to = all.findIndex((slot) => (c.ids[slot] ?? 0) >= cursorId);
      if (to < 0) to = all.length;
      from = Math.max(0, to - limit);
    }
    const slots = all.slice(from, to);
    const ids = slots.map((slot) => c.ids[slot] ?? 0);
    return json(200, {
      data: slots.map((slot) => render(store.body('customers', slot), include)),
      meta: { cursor_pagination: cursorMeta(query, ids, limit, from > 0, to < all.length) },
    });
  }
  const sort = customerSort(request);
  if (!sort.ok) return sort.reply;
  const all = select(c, selection.value, sort.value.sort, sort.value.descending);
  const start = (page - 1) * limit;
  const slots = all.slice(start, start + limit);
  const meta: JsonObject = { pagination: paginationMeta(query, all.length, slots.length, limit, page, false) };
  if (page === 1) {
    const ids = slots.map((slot) => c.ids[slot] ?? 0);
    meta.cursor_pagination = cursorMeta(query, ids, limit, false, slots.length < all.length);
  }
  return json(200, { data: slots.map((slot) => render(store.body('customers', slot), include)), meta });
};
