import { coupons } from './coupons.js';
import { customerAddresses } from './customer_addresses.js';
import { customerAttributes } from './customer_attributes.js';
import { customerGroups } from './customer_groups.js';
import { customers } from './customers.js';
import { giftCertificates } from './gift_certificates.js';
import { orderCoupons } from './order_coupons.js';
import { orderProducts } from './order_products.js';
import { orderShippingAddresses } from './order_shipping_addresses.js';
import { orders } from './orders.js';
import { products } from './products.js';
import { promotions } from './promotions.js';
import type { SandboxSpec } from './spec.js';
import { subscribers } from './subscribers.js';
import { wishlists } from './wishlists.js';

/**
 * Every sandbox stream spec, one per registered stream (`STREAMS` in src/streams/index.ts): the sandbox refuses
 * to start, and a test fails, when a registered stream has none or a spec serves no registered stream.
 */
export const SANDBOX_SPECS: readonly SandboxSpec[] = [
  coupons,
  customers,
  customerGroups,
  customerAddresses,
  customerAttributes,
  subscribers,
  giftCertificates,
  promotions,
  wishlists,
  orders,
  orderProducts,
  orderShippingAddresses,
  orderCoupons,
  products,
];
