/**
 * `include=consignments,consignments.line_items,fees` on `GET /v2/orders` and `GET /v2/orders/{id}`
 * (orders.v2.oas2.yml: `order_includes`, `consignment_structure`), with the traps of `OrderIncludeTraps`.
 */
import type { OrderIncludeTraps } from '../options.js';
import { hash32, PURPOSE_TAG } from '../random.js';
import type { RecordView } from '../streams/spec.js';
import type { JsonObject } from './context.js';
import { type LineItemsForm, orderConsignments, orderFees } from './order-consignments.js';
import { orderPlan } from './order-plan.js';

/** `/products` serves this many lines without `limit`. */
const PRODUCTS_DEFAULT_LIMIT = 50;

export function csv(value: string | null): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
}

/** Whether this order is one of the `emptyLineItemsRate` share whose line items come back empty. */
function hasEmptyLineItems(seed: number, orderId: number, rate: number): boolean {
  return rate > 0 && hash32(seed, PURPOSE_TAG.traps, orderId) / 4294967296 < rate;
}

/**
 * Lines as objects only with `consignments.line_items` (plain `consignments` links them, as the spec's
 * examples show), unless a trap says otherwise.
 */
function lineItemsForm(include: ReadonlySet<string>, record: RecordView, traps: OrderIncludeTraps): LineItemsForm {
  if (!include.has('consignments.line_items') || traps.lineItemsAsLinks) return 'links';
  return hasEmptyLineItems(record.ctx.seed, record.meta.id, traps.emptyLineItemsRate) ? 'empty' : 'objects';
}

/** The order body with what `include` asks for: consignments (object or legacy array) and fees. */
export function renderOrderIncludes(body: JsonObject, query: URLSearchParams, record: RecordView, traps: OrderIncludeTraps): JsonObject {
  if (traps.ignoreInclude) return body;
  const include = csv(query.get('include'));
  const wantsConsignments = include.has('consignments') || include.has('consignments.line_items');
  if (!wantsConsignments && !include.has('fees')) return body;
  const { ctx, meta } = record;
  const plan = orderPlan(ctx, meta);
  const out: JsonObject = { ...body };
  if (wantsConsignments) {
    const maxLines = traps.productsDefaultLimit50 ? PRODUCTS_DEFAULT_LIMIT : undefined;
    const consignments = orderConsignments(ctx, meta, { lineItems: lineItemsForm(include, record, traps), maxLines }, plan);
    const isObject = query.get('consignment_structure') === 'object' && !traps.legacyConsignmentArray;
    out.consignments = isObject ? consignments : [consignments];
  }
  if (include.has('fees')) out.fees = orderFees(ctx, meta, plan);
  return out;
}
