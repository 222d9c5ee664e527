import type { ScopeInfo } from '../http/types.js';
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
import { store } from './store.js';
import { subscribers } from './subscribers.js';
import { taxClasses } from './tax_classes.js';
import { transactions } from './transactions.js';
import type { StreamDefinition } from './types.js';
import { wishlists } from './wishlists.js';

/** Every stream the tap offers, in sync order: the one registry everything else derives from. */
export const STREAMS: readonly StreamDefinition[] = [
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
