import { brands } from './brands.js';
import { categories } from './categories.js';
import { categoryTrees } from './category_trees.js';
import { channels } from './channels.js';
import { coupons } from './coupons.js';
import { currencies } from './currencies.js';
import { customerAddresses } from './customer_addresses.js';
import { customerAttributes } from './customer_attributes.js';
import { customerGroups } from './customer_groups.js';
import { customers } from './customers.js';
import { giftCertificates } from './gift_certificates.js';
import { locations } from './locations.js';
import { orderCoupons } from './order_coupons.js';
import { orderProducts } from './order_products.js';
import { orderShippingAddresses } from './order_shipping_addresses.js';
import { orderStatuses } from './order_statuses.js';
import { orders } from './orders.js';
import { pages } from './pages.js';
import { priceLists } from './price_lists.js';
import { productVariants } from './product_variants.js';
import { products } from './products.js';
import { promotions } from './promotions.js';
import { refunds } from './refunds.js';
import { shipments } from './shipments.js';
import { shippingZones } from './shipping_zones.js';
import type { SandboxSpec } from './spec.js';
import { store } from './store.js';
import { subscribers } from './subscribers.js';
import { taxClasses } from './tax_classes.js';
import { transactions } from './transactions.js';
import { wishlists } from './wishlists.js';

/**
 * Every sandbox stream spec, one per registered stream (`STREAMS` in src/streams/index.ts): the sandbox refuses
 * to start, and a test fails, when a registered stream has none or a spec serves no registered stream.
 */
export const SANDBOX_SPECS: readonly SandboxSpec[] = [
  store,
  channels,
  currencies,
  taxClasses,
  shippingZones,
  locations,
  priceLists,
  pages,
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
  orderStatuses,
  refunds,
  transactions,
  shipments,
  products,
  productVariants,
  categoryTrees,
  categories,
  brands,
];
