/**
 * How an order was paid and refunded, from its original state (version 0): a paid order has a purchase (or an
 * authorization and a capture), a refunded one one or two refunds, a partially refunded one a refund of its
 * `refunded_amount`. Derived from the order's creation only, never from later edits, so refunds and
 * transactions never change or vanish once they exist (a live edit that re-draws an order's status leaves
 * its payment history alone, as a merchant changing a status label does).
 */
import { cents } from '../format.js';
import { type Rng, rngFor, streamTag } from '../random.js';
import type { GenContext, RecordMeta } from './context.js';
import { orderStatusId } from './cores.js';
import { type OrderPlan, orderPlan } from './order-plan.js';

const PAYMENTS_TAG = streamTag('transactions');
const HOUR = 3600;
const DAY = 86_400;

/** Statuses whose payment was captured (orders.v2 `payment_status` captured, refunded, partially refunded). */
const PAID_STATUSES: ReadonlySet<number> = new Set([2, 3, 4, 8, 9, 10, 11, 13, 14]);

/** How the order's `payment_method` reaches a gateway: transaction `method`/`gateway`, refund `provider_id`. */
export interface PaymentChannel {
  method: 'credit_card' | 'electronic_wallet' | 'offline' | 'custom';
  gateway: string;
  paymentMethodId: string;
  isOffline: boolean;
  displayName: string;
}

const CHANNELS: Readonly<Record<string, PaymentChannel>> = {
  'Credit Card': {
    method: 'credit_card',
    gateway: 'braintree',
    paymentMethodId: 'braintree.card',
    isOffline: false,
    displayName: 'Credit Card',
  },
  PayPal: {
    method: 'electronic_wallet',
    gateway: 'paypalexpress',
    paymentMethodId: 'paypalexpress',
    isOffline: false,
    displayName: 'PayPal',
  },
  Cash: { method: 'offline', gateway: 'cod', paymentMethodId: 'cod', isOffline: true, displayName: 'Cash on Delivery' },
  Manual: { method: 'custom', gateway: 'custom', paymentMethodId: 'custom', isOffline: true, displayName: 'Manual' },
  'Test Payment Gateway': {
    method: 'credit_card',
    gateway: 'testgateway',
    paymentMethodId: 'testgateway',
    isOffline: false,
    displayName: 'Test Payment Gateway',
  },
  'Bank Deposit': {
    method: 'offline',
    gateway: 'bankdeposit',
    paymentMethodId: 'bankdeposit',
    isOffline: true,
    displayName: 'Bank Deposit',
  },
};

export function paymentChannel(paymentMethod: unknown): PaymentChannel {
  return CHANNELS[String(paymentMethod)] ?? (CHANNELS.Manual as PaymentChannel);
}

export interface PlannedRefund {
  id: number;
  createdSec: number;
  amount: number;
  tax: number;
  /** `items`: every line refunded (item_type PRODUCT); `order`: an amount off the order (item_type ORDER). */
  kind: 'items' | 'order';
  reason: string;
  userId: number;
  /** The id of the refund's transaction (`event: refund`). */
  transactionId: number;
}

export interface PaymentHistory {
  plan: OrderPlan;
  /** Authorized and captured separately (card gateways), or one purchase. */
  isAuthThenCapture: boolean;
  paidSec: number;
  capturedSec: number;
  refunds: PlannedRefund[];
}

/** Transaction ids: 4 per order (authorization, capture or purchase, up to two refunds). */
export function transactionId(orderId: number, k: number): number {
  return orderId * 4 + k;
}

/** A moment `delaySec` after `fromSec`, but never after the data's generation (or the order's creation, if later). */
function after(ctx: GenContext, meta: RecordMeta, fromSec: number, delaySec: number): number {
  return Math.min(fromSec + delaySec, Math.max(meta.createdSec, ctx.generatedAtSec));
}

function refundDelay(rng: Rng): number {
  return HOUR + Math.floor(-Math.log(1 - rng.next()) * 6 * DAY);
}

const REASONS = ['Customer requires a refund.', 'Item arrived damaged', 'Wrong size', 'Order cancelled by customer', ''] as const;

/** The order's payments as first made, or null when it was never paid (incomplete, pending, cancelled...). */
export function paymentHistory(ctx: GenContext, meta: RecordMeta): PaymentHistory | null {
  const original = { ...meta, version: 0 };
  const statusId = orderStatusId(ctx.seed, meta.id, 0);
  if (!PAID_STATUSES.has(statusId)) return null;
  const plan = orderPlan(ctx, original);
  const rng = rngFor(ctx.seed, PAYMENTS_TAG, meta.id, 0, 1);
  const isAuthThenCapture = rng.chance(0.3);
  const paidSec = meta.createdSec;
  const capturedSec = isAuthThenCapture ? after(ctx, meta, paidSec, rng.int(60, 2 * HOUR)) : paidSec;
  const total = plan.totalIncTax;
  const shares: Array<{ amount: number; tax: number; kind: PlannedRefund['kind'] }> = [];
  if (statusId === 14) shares.push({ amount: plan.refunded, tax: 0, kind: 'order' });
  else if (statusId === 4 && rng.chance(0.3)) {
    const first = cents(total * 0.3);
    shares.push({ amount: first, tax: 0, kind: 'order' }, { amount: cents(total - first), tax: 0, kind: 'order' });
  } else if (statusId === 4) shares.push({ amount: total, tax: plan.totalTax, kind: 'items' });
  const refunds: PlannedRefund[] = [];
  let atSec = capturedSec;
  for (const [k, share] of shares.entries()) {
    atSec = after(ctx, meta, atSec, refundDelay(rng));
    refunds.push({
      id: meta.id * 2 + k,
      createdSec: atSec,
      ...share,
      reason: rng.pick(REASONS),
      userId: rng.chance(0.7) ? rng.int(1, 4) : 0,
      transactionId: transactionId(meta.id, 2 + k),
    });
  }
  return { plan, isAuthThenCapture, paidSec, capturedSec, refunds };
}
