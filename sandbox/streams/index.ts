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
import type { SandboxSpec } from './spec.js';
import { transactions } from './transactions.js';

/**
 * Every sandbox stream spec, one per registered stream (`STREAMS` in src/streams/index.ts): the sandbox refuses
 * to start, and a test fails, when a registered stream has none or a spec serves no registered stream.
 */
export const SANDBOX_SPECS: readonly SandboxSpec[] = [
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
