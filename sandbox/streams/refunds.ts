import { orderRefunds } from '../data/generate-refunds.js';
import { intIn } from './filters.js';
import { defineDerived, type ParamFilter, type RecordView } from './spec.js';

/** `transaction_id=1234`: a refund whose payments name that BigCommerce transaction. */
const byTransactionId: ParamFilter = (raw) => ({
  ok: true,
  test: (record: RecordView) => {
    const payments = record.body().payments;
    return Array.isArray(payments) && payments.some((p) => (p as { transaction_id?: unknown }).transaction_id === raw);
  },
});

/**
 * `GET /v3/orders/payment_actions/refunds` (orders.v3.yml): every order's refunds, id ascending, `{data, meta}`;
 * `created:min`/`created:max` (inclusive, RFC 3339), `id:in`, `order_id:in`, `transaction_id`, `page`, `limit`;
 * any other parameter is a 422. Refunds come from the orders' payment history (`data/order-payments.ts`):
 * created after the order, never changed afterwards; an order's refunds add up to its `refunded_amount`.
 * Also `GET /v3/orders/payment_actions/refunds/{refund_id}`.
 */
export const refunds = defineDerived({
  stream: 'refunds',
  resource: 'orders',
  parent: 'orders',
  hasDateModified: false,
  children: (order) =>
    orderRefunds(order.ctx, order.meta, () => order.body().payment_method).map(({ refund, body }) => ({
      id: refund.id,
      body,
      createdSec: refund.createdSec,
      modifiedSec: refund.createdSec,
    })),
  list: {
    envelope: 'v3',
    idFilters: ['id:in'],
    dateFilters: [{ field: 'date_created', min: 'created:min', max: 'created:max' }],
    filters: { 'order_id:in': intIn((r) => Number(r.body().order_id)), transaction_id: byTransactionId },
    strict: { ignored: [] },
  },
  hasSingle: true,
});
