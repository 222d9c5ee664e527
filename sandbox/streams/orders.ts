import { ORDER_STATUSES, orderStatusId } from '../data/cores.js';
import { orderBody } from '../data/generate-order-body.js';
import { orderProducts } from '../data/generate-orders.js';
import { orderConsignments, orderFees } from '../data/order-consignments.js';
import { csv, renderOrderIncludes } from '../data/order-includes.js';
import { orderPlan } from '../data/order-plan.js';
import { frequentEdits } from '../data/timeline.js';
import { rfc2822 } from '../format.js';
import { json, noContent, notFound } from '../responses.js';
import { intEquals, numberBound, textEquals } from './filters.js';
import { defineCollection, type ExtraRoute, type RecordView } from './spec.js';

const status = (record: RecordView) => orderStatusId(record.ctx.seed, record.meta.id, record.meta.version);
const plan = (record: RecordView) => orderPlan(record.ctx, record.meta);
const field = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/** `{statuses: [...], count}`: the count per status, as `GET /v2/orders/count` answers. */
function countByStatus(records: readonly RecordView[]): Record<string, unknown> {
  const counts = new Map<number, number>();
  for (const record of records) counts.set(status(record), (counts.get(status(record)) ?? 0) + 1);
  const statuses = ORDER_STATUSES.map((s, index) => ({
    id: s.id,
    name: s.name,
    system_label: s.name,
    custom_label: s.name,
    system_description: s.description,
    count: counts.get(s.id) ?? 0,
    sort_order: index + 1,
  }));
  return { statuses, count: records.length };
}

/** Shipping quotes of an order created by API or control panel: always 204, as the spec says. */
const shippingQuotes: ExtraRoute['reply'] = () => noContent();

/** One line (`/orders/{id}/products/{line}`: what consignment link objects point at). */
const productLine: ExtraRoute['reply'] = ({ record, subId }) => {
  const line = orderProducts(record.ctx, record.meta).find((l) => l.id === subId);
  return line === undefined ? notFound('v2') : json(200, line);
};

/** `/orders/{id}/consignments`: the object structure, lines as objects with `include=consignments.line_items`. */
const consignments: ExtraRoute['reply'] = ({ record, query }) => {
  const lineItems = csv(query.get('include')).has('consignments.line_items') ? 'objects' : 'links';
  return json(200, orderConsignments(record.ctx, record.meta, { lineItems }));
};

/** `/orders/{id}/fees`: `{fees: [...]}`, as the spec's example shows. */
const fees: ExtraRoute['reply'] = ({ record }) => json(200, { fees: orderFees(record.ctx, record.meta) });

/**
 * The order's other routes (its line items, shipping addresses and coupons are the child streams' specs):
 * shipping quotes in both spellings the API uses, one line, consignments and fees.
 */
const SUB_RESOURCES: ExtraRoute[] = [
  ...['shipping_addresses', 'shippingaddresses'].flatMap((a) =>
    ['shipping_quotes', 'shippingquotes'].map((q) => ({ path: `/{id}/${a}/{sub}/${q}`, reply: shippingQuotes })),
  ),
  { path: '/{id}/products/{sub}', reply: productLine },
  { path: '/{id}/consignments', reply: consignments },
  { path: '/{id}/consignments/shipping/{sub}/shipping_quotes', reply: shippingQuotes },
  { path: '/{id}/fees', reply: fees },
];

/**
 * `GET /v2/orders` (orders.v2.oas2.yml): `min_id`/`max_id`, created and modified date windows, `sort=field:asc`,
 * total, customer, email, status and other filters; `include=consignments,consignments.line_items,fees` with
 * `consignment_structure=object` (and its traps); archived orders (`is_deleted`) hidden unless asked for.
 */
export const orders = defineCollection({
  stream: 'orders',
  resource: 'orders',
  defaultSize: 400,
  firstId: 100,
  hasDateModified: true,
  isLive: true,
  editDelay: frequentEdits,
  body: (ctx, meta) => orderBody(ctx, meta),
  list: {
    envelope: 'v2',
    idFilters: ['min_id', 'max_id'],
    dateFilters: [
      { field: 'date_modified', min: 'min_date_modified', max: 'max_date_modified' },
      { field: 'date_created', min: 'min_date_created', max: 'max_date_created' },
    ],
    sort: {
      style: 'colon',
      fields: {
        id: 'id',
        customer_id: (r) => plan(r).customerId,
        date_created: 'date_created',
        date_modified: 'date_modified',
        status_id: status,
        channel_id: 'id', // 1 on every sandbox order
        external_id: 'id', // null on every sandbox order
      },
    },
    filters: {
      status_id: intEquals(status),
      customer_id: intEquals((r) => plan(r).customerId),
      email: textEquals((r) => plan(r).buyer.email),
      min_total: numberBound('min', (r) => plan(r).totalIncTax),
      max_total: numberBound('max', (r) => plan(r).totalIncTax),
      cart_id: textEquals(field('cart_id')),
      payment_method: textEquals(field('payment_method')),
      channel_id: intEquals(() => 1),
      external_order_id: textEquals(field('external_order_id')),
    },
    render: { params: ['include', 'consignment_structure'], render: renderOrderIncludes },
  },
  hasSingle: true,
  countBody: countByStatus,
  archive: { param: 'is_deleted', field: 'is_deleted', formatDate: rfc2822 },
  extraRoutes: SUB_RESOURCES,
});
