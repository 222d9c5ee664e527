import { isoOffset } from '../format.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { type PaymentHistory, type PlannedRefund, paymentChannel, paymentHistory } from './order-payments.js';

function refundItems(history: PaymentHistory, refund: PlannedRefund, orderId: number): JsonObject[] {
  if (refund.kind === 'order') {
    return [
      { item_type: 'ORDER', item_id: orderId, reason: refund.reason, quantity: null, adjustments: [], requested_amount: refund.amount },
    ];
  }
  return history.plan.items.map((item) => ({
    item_type: 'PRODUCT',
    item_id: item.id,
    reason: refund.reason,
    quantity: item.quantity,
    adjustments: [],
    requested_amount: null,
  }));
}

/**
 * `GET /v3/orders/payment_actions/refunds` records of one order (orders.v3.yml `Refund`): `created` ISO 8601
 * with an offset, amounts as numbers, the payment back through the order's own gateway.
 */
export function orderRefunds(
  ctx: GenContext,
  meta: RecordMeta,
  paymentMethodOf: () => unknown,
): Array<{ refund: PlannedRefund; body: JsonObject }> {
  const history = paymentHistory(ctx, meta);
  if (history === null) return [];
  const channel = paymentChannel(paymentMethodOf());
  return history.refunds.map((refund) => ({
    refund,
    body: {
      id: refund.id,
      order_id: meta.id,
      user_id: refund.userId,
      created: isoOffset(refund.createdSec),
      reason: refund.reason,
      total_amount: refund.amount,
      total_tax: refund.tax,
      uses_merchant_override_values: false,
      items: refundItems(history, refund, meta.id),
      payments: [
        {
          id: refund.id * 3 + 1,
          provider_id: channel.isOffline ? 'custom' : channel.gateway,
          amount: refund.amount,
          offline: channel.isOffline,
          is_declined: false,
          declined_message: '',
          transaction_id: String(refund.transactionId),
        },
      ],
    },
  }));
}
