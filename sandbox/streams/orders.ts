import { ORDER_STATUSES, orderStatusId } from '../data/cores.js';
import { orderBody, orderCoupons, orderProducts, orderShippingAddresses } from '../data/generate-orders.js';
import { orderPlan } from '../data/order-plan.js';
import { frequentEdits } from '../data/timeline.js';
import { rfc2822 } from '../format.js';
import { noContent } from '../responses.js';
import { nestedList } from '../routes/paged-items.js';
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

const products = nestedList('v2', (r) => orderProducts(r.ctx, r.meta));
const shippingAddresses = nestedList('v2', (r) => orderShippingAddresses(r.ctx, r.meta));
/** Shipping quotes of an order created by API or control panel: always 204, as the spec says. */
const shippingQuotes: ExtraRoute['reply'] = () => noContent();

/** The sub-resources, in both spellings the API uses (`shipping_addresses` in the spec, `shippingaddresses` in links). */
const SUB_RESOURCES: ExtraRoute[] = [
  { path: '/{id}/products', reply: products },
  { path: '/{id}/shipping_addresses', reply: shippingAddresses },
  { path: '/{id}/shippingaddresses', reply: shippingAddresses },
  { path: '/{id}/coupons', reply: nestedList('v2', (r) => orderCoupons(r.ctx, r.meta)) },
  ...['shipping_addresses', 'shippingaddresses'].flatMap((a) =>
    ['shipping_quotes', 'shippingquotes'].map((q) => ({ path: `/{id}/${a}/{sub}/${q}`, reply: shippingQuotes })),
  ),
];

/**
 * `GET /v2/orders` (orders.v2.oas2.yml): `min_id`/`max_id`, created and modified date windows, `sort=field:asc`,
 * total, customer, email, status and other filters; archived orders (`is_deleted`) hidden unless asked for.
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
  },
  hasSingle: true,
  countBody: countByStatus,
  archive: { param: 'is_deleted', field: 'is_deleted', formatDate: rfc2822 },
  extraRoutes: SUB_RESOURCES,
});
