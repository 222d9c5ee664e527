import type { EmbeddedDetails, Query } from '../types.js';

/**
 * An order's details embedded in the `GET /v2/orders` response with `include=consignments.line_items,fees` and
 * `consignment_structure=object` (orders.v2 spec: `order_includes`, `orderConsignment_Get`), accepted only where
 * the order proves them complete; everything else falls back to the per-order requests.
 *
 * Proofs (each holds for every order the spec describes):
 * - `consignments` is the object structure (not the legacy array, not a `{url, resource}` link: include ignored);
 * - every consignment's `line_items` is an array of line objects (link objects count as not embedded, and are
 *   never followed);
 * - a shipping consignment's lines add up to at least its own `items_total`, and belong to it (`order_address_id`
 *   equals the consignment id: what `products[].order_address_id` joins on); all lines add up to at least the
 *   order's `items_total` (catches `line_items: []` for an order that has lines); no consignment holds exactly
 *   50 lines (the API's default page, which may be a cap);
 * - there are as many shipping consignments as the order's `shipping_address_count`.
 * Whether `items_total` is exactly the sum of line quantities is unverified (bundles): "at least" holds either way.
 */

type Json = Record<string, unknown>;

export const EMBEDDABLE_ORDER_FIELDS = ['products', 'shipping_addresses', 'consignments', 'fees'] as const;

/** A page this size may be a cap: `/products` returns 50 lines unless `limit` is given. */
const POSSIBLE_CAP = 50;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLink = (v: unknown): boolean => isObject(v) && typeof v.resource === 'string' && typeof v.url === 'string';
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : 0);

interface Consignments {
  pickups: Json[];
  shipping: Json[];
  downloads: Json[];
  giftCertificates: Json[];
}

/** The object structure of `consignments`, or why it isn't there. */
function readConsignments(order: Json): Consignments | string {
  const c = order.consignments;
  if (c === undefined || c === null) return 'consignments not included';
  if (Array.isArray(c)) return 'consignments in the legacy array structure';
  if (!isObject(c) || isLink(c)) return 'consignments not included';
  const email = isObject(c.email) ? c.email : {};
  return {
    pickups: objectsIn(c.pickups),
    shipping: objectsIn(c.shipping),
    downloads: objectsIn(c.downloads),
    giftCertificates: objectsIn(email.gift_certificates),
  };
}

/** The objects of a list: the list itself when it holds nothing else (no copy), else a filtered copy. */
function objectsIn(value: unknown): Json[] {
  if (!Array.isArray(value)) return [];
  for (const item of value) if (!isObject(item)) return value.filter(isObject);
  return value as Json[];
}

const allOf = (c: Consignments): Json[] => [...c.shipping, ...c.pickups, ...c.downloads, ...c.giftCertificates];

/** A consignment's line objects, or null when they came as link objects (or not at all). */
function linesOf(consignment: Json): Json[] | null {
  const lines = consignment.line_items;
  if (!Array.isArray(lines) || lines.some((l) => !isObject(l) || isLink(l))) return null;
  return lines as Json[];
}

/** The line ids a consignment names, from line objects or from link resources (`/orders/129/products/12`). */
function lineIdsOf(consignment: Json): number[] {
  const raw = consignment.line_items;
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return items
    .map((item) => (isLink(item) ? Number(/\/products\/(\d+)$/.exec(String((item as Json).resource))?.[1]) : Number((item as Json)?.id)))
    .filter((id) => Number.isFinite(id));
}

const quantityOf = (lines: Json[]) => lines.reduce((sum, line) => sum + num(line.quantity), 0);

/** The order's line items from its consignments, or why they can't be trusted. */
function products(order: Json, c: Consignments): Json[] | string {
  const byId = new Map<number, Json>();
  for (const consignment of allOf(c)) {
    const lines = linesOf(consignment);
    if (lines === null) return 'line items not embedded (links or missing)';
    if (lines.length === POSSIBLE_CAP) return `a consignment holds exactly ${POSSIBLE_CAP} lines (possibly capped)`;
    for (const line of lines) byId.set(Number(line.id), line);
  }
  for (const consignment of c.shipping) {
    const lines = linesOf(consignment) ?? [];
    if (quantityOf(lines) < num(consignment.items_total)) return "a shipping consignment's lines fall short of its items_total";
    if (lines.some((l) => l.order_address_id !== undefined && num(l.order_address_id) !== num(consignment.id))) {
      return "a line's order_address_id differs from its consignment id";
    }
  }
  const all = [...byId.values()].sort((a, b) => num(a.id) - num(b.id));
  if (quantityOf(all) < num(order.items_total)) return "the lines fall short of the order's items_total";
  if (all.some((l) => l.order_id !== undefined && num(l.order_id) !== num(order.id))) return 'a line belongs to another order';
  return all;
}

/**
 * The shipping addresses, shaped as `/v2/orders/{id}/shipping_addresses` returns them: the shipping consignments
 * themselves, given the order's id (the normalizer copies what the schema names and drops their `line_items`,
 * `line_item_ids` and `shipping_quotes` unreported: see KNOWN_DROPPED_FIELDS).
 */
function shippingAddresses(order: Json, c: Consignments): Json[] | string {
  if (c.shipping.length !== num(order.shipping_address_count)) return 'shipping consignments differ from shipping_address_count';
  for (const address of c.shipping) address.order_id = order.id;
  return [...c.shipping].sort((a, b) => num(a.id) - num(b.id));
}

/**
 * The consignments as the `consignments` field carries them: every kind, each consignment naming its lines by id
 * (`line_item_ids`; the lines themselves are in `products`). The consignments are the parsed response's own
 * objects, given `line_item_ids` in place: the normalizer copies what the schema names (no copy here).
 */
function consignmentsField(c: Consignments): Json {
  for (const list of [c.pickups, c.shipping, c.downloads, c.giftCertificates]) {
    for (const consignment of list) consignment.line_item_ids = lineIdsOf(consignment);
  }
  return { pickups: c.pickups, shipping: c.shipping, downloads: c.downloads, email: { gift_certificates: c.giftCertificates } };
}

/** The `consignments` field from a `GET /v2/orders/{id}/consignments` response (the per-order fallback). */
export function consignmentsFromResponse(body: Json): Json | null {
  const c = readConsignments({ consignments: body });
  return typeof c === 'string' ? null : consignmentsField(c);
}

function fees(order: Json): Json[] | string {
  const value = order.fees;
  if (!Array.isArray(value) || value.some((f) => !isObject(f) || isLink(f))) return 'fees not included';
  return value as Json[];
}

/** The include an order list needs for these fields. */
function query(fields: ReadonlySet<string>): Query {
  const includes: string[] = [];
  // The consignments field names its lines, proven only from the line objects: it needs them too.
  if (fields.has('products') || fields.has('consignments')) includes.push('consignments.line_items');
  else if (fields.has('shipping_addresses')) includes.push('consignments');
  if (fields.has('fees')) includes.push('fees');
  if (includes.length === 0) return {};
  return { include: includes.join(','), ...(includes[0]?.startsWith('consignments') ? { consignment_structure: 'object' } : {}) };
}

export const orderEmbeddedDetails: EmbeddedDetails = {
  fields: EMBEDDABLE_ORDER_FIELDS,
  query,
  extract(order, fields) {
    const filled: Json = {};
    const missing: Record<string, string> = {};
    const c = readConsignments(order);
    // Both the line items and the consignments field rest on the same proof: computed once.
    const lines = typeof c === 'string' || !(fields.has('products') || fields.has('consignments')) ? c : products(order, c);
    for (const field of fields) {
      let value: unknown;
      if (field === 'fees') value = fees(order);
      else if (typeof c === 'string') value = c;
      else if (field === 'products') value = lines;
      else if (field === 'shipping_addresses') value = shippingAddresses(order, c);
      else if (field === 'consignments') value = typeof lines === 'string' ? lines : consignmentsField(c);
      if (typeof value === 'string') missing[field] = value;
      else if (value !== undefined) filled[field] = value;
    }
    return { filled, missing };
  },
  isIgnored(orders, fields) {
    if (orders.length === 0) return false;
    const asksConsignments = [...fields].some((f) => f !== 'fees');
    return orders.every((o) =>
      asksConsignments ? o.consignments === undefined || isLink(o.consignments) : o.fees === undefined || isLink(o.fees),
    );
  },
};
