import type { ScopeInfo } from '../http/types.js';
import { coupons } from './coupons.js';
import { customers } from './customers.js';
import { orderCoupons } from './order_coupons.js';
import { orderProducts } from './order_products.js';
import { orderShippingAddresses } from './order_shipping_addresses.js';
import { orderStatuses } from './order_statuses.js';
import { orders } from './orders.js';
import { products } from './products.js';
import { refunds } from './refunds.js';
import { shipments } from './shipments.js';
import { transactions } from './transactions.js';
import type { StreamDefinition } from './types.js';

/** Every stream the tap offers, in sync order: the one registry everything else derives from. */
export const STREAMS: readonly StreamDefinition[] = [
  coupons,
  customers,
  orders,
  orderProducts,
  orderShippingAddresses,
  orderCoupons,
  orderStatuses,
  refunds,
  transactions,
  shipments,
  products,
];

export const STREAM_NAMES: readonly string[] = STREAMS.map((s) => s.name);

export function findStream(name: string): StreamDefinition | undefined {
  return STREAMS.find((s) => s.name === name);
}

/** The streams that ride on `parent`'s walk. */
export function childrenOf(parent: string): StreamDefinition[] {
  return STREAMS.filter((s) => s.replication.method === 'CHILD' && s.replication.parent === parent);
}

export function scopesByStream(): Record<string, ScopeInfo> {
  return Object.fromEntries(STREAMS.map((s) => [s.name, s.scope]));
}
