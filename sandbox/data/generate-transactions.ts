import { isoOffset } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { type PaymentChannel, type PaymentHistory, paymentChannel, paymentHistory, transactionId } from './order-payments.js';

const TRANSACTIONS_TAG = streamTag('transactions');
const CARD_TYPES = ['visa', 'master', 'american_express', 'discover'] as const;
const CARD_IIN: Readonly<Record<(typeof CARD_TYPES)[number], string>> = {
  visa: '411111',
  master: '555555',
  american_express: '378282',
  discover: '601111',
};

/** What every transaction of the order shares: the channel's fields, card details and verification results. */
function common(ctx: GenContext, meta: RecordMeta, channel: PaymentChannel): JsonObject {
  const rng = rngFor(ctx.seed, TRANSACTIONS_TAG, meta.id, 0, 2);
  const isCard = channel.method === 'credit_card';
  const cardType = rng.pick(CARD_TYPES);
  return {
    method: channel.method,
    currency: 'USD',
    gateway: channel.gateway,
    test: channel.gateway === 'testgateway',
    status: 'ok',
    fraud_review: false,
    offline: channel.method === 'offline' ? { display_name: channel.displayName } : null,
    custom: channel.method === 'custom' ? { payment_method: channel.displayName } : null,
    payment_method_id: channel.paymentMethodId,
    payment_instrument_token: null,
    provider_instrument_token: null,
    provider_customer_id: null,
    avs_result: isCard
      ? { code: 'Y', message: 'Street address and 5-digit postal code match.', street_match: 'M', postal_match: 'M' }
      : { code: '', message: '', street_match: '', postal_match: '' },
    cvv_result: isCard ? { code: 'M', message: 'CVV2 Match' } : { code: '', message: '' },
    credit_card: isCard
      ? {
          card_type: cardType,
          card_iin: CARD_IIN[cardType],
          card_last4: String(rng.int(1000, 9999)),
          card_expiry_month: rng.int(1, 12),
          card_expiry_year: 2026 + rng.int(0, 5),
        }
      : null,
    gift_certificate: null,
    store_credit: null,
    custom_provider_field_result: null,
  };
}

/** The gateway's reference for one transaction (none for offline and manual payments). */
function gatewayId(channel: PaymentChannel, id: number): string {
  return channel.isOffline ? '' : `${channel.gateway.slice(0, 2)}_${((id * 2654435761) % 1e10).toString(36)}`;
}

/** Events in time order: authorization + capture (or one purchase), then a refund per refund. */
function events(history: PaymentHistory, orderId: number) {
  const total = history.plan.totalIncTax;
  const paid = history.isAuthThenCapture
    ? [
        { k: 0, event: 'authorization', amount: total, sec: history.paidSec, reference: null },
        { k: 1, event: 'capture', amount: total, sec: history.capturedSec, reference: transactionId(orderId, 0) },
      ]
    : [{ k: 1, event: 'purchase', amount: total, sec: history.paidSec, reference: null }];
  const refunds = history.refunds.map((refund, j) => ({
    k: 2 + j,
    event: 'refund',
    amount: refund.amount,
    sec: refund.createdSec,
    reference: transactionId(orderId, 1),
  }));
  return [...paid, ...refunds];
}

/**
 * `GET /v3/orders/{order_id}/transactions` (orders.v3.yml `Transaction`): the order's payment history, none (204)
 * for an order never paid. `order_id` is a string, as the spec types it.
 */
export function orderTransactions(ctx: GenContext, meta: RecordMeta, paymentMethodOf: () => unknown): JsonObject[] {
  const history = paymentHistory(ctx, meta);
  if (history === null) return [];
  const channel = paymentChannel(paymentMethodOf());
  const shared = common(ctx, meta, channel);
  return events(history, meta.id).map(({ k, event, amount, sec, reference }) => {
    const id = transactionId(meta.id, k);
    return {
      id,
      order_id: String(meta.id),
      event,
      amount,
      gateway_transaction_id: gatewayId(channel, id),
      date_created: isoOffset(sec),
      reference_transaction_id: reference,
      ...shared,
    };
  });
}
