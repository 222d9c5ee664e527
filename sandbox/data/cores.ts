/**
 * Cheap, shared facts about one record (name, price, status...), derived from (seed, id, version). The full
 * body generators build on these, and other streams reference them (an order line names its product), so the
 * same product has the same name everywhere.
 */
import { type Rng, rngFor, streamTag } from '../random.js';
import {
  BRANDS,
  COMPANIES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  PLACES,
  type Place,
  PRODUCT_ADJECTIVES,
  PRODUCT_MATERIALS,
  PRODUCT_NOUNS,
  STREETS,
} from './words.js';

const COUPONS_TAG = streamTag('coupons');
const CUSTOMERS_TAG = streamTag('customers');
const ORDERS_TAG = streamTag('orders');
const PRODUCTS_TAG = streamTag('products');

export interface PersonCore {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  phone: string;
  place: Place;
  street: string;
}

function person(rng: Rng, emailTag: number): PersonCore {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const place = rng.pick(PLACES);
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    firstName,
    lastName,
    email: `${local}${emailTag}@${rng.pick(EMAIL_DOMAINS)}`,
    company: rng.pick(COMPANIES),
    phone: `${place.phonePrefix}-555-${String(rng.int(1000, 9999))}`,
    place,
    street: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
  };
}

export interface CustomerCore extends PersonCore {
  customerGroupId: number;
  notes: string;
}

/** Identity facts of a customer; `version` changes only what an edit would change. */
export function customerCore(seed: number, id: number, version: number): CustomerCore {
  const base = person(rngFor(seed, CUSTOMERS_TAG, id, 0, 1), id);
  const edit = rngFor(seed, CUSTOMERS_TAG, id, version, 2);
  return {
    ...base,
    customerGroupId: edit.chance(0.8) ? 0 : edit.int(1, 3),
    notes: version === 0 ? (edit.chance(0.1) ? 'Preferred customer' : '') : `Updated by staff (${version})`,
  };
}

/** A guest buyer for an order without a customer account. */
export function guestPerson(seed: number, orderId: number): PersonCore {
  return person(rngFor(seed, ORDERS_TAG, orderId, 0, 9), orderId);
}

/** The `k`-th other recipient of an order (a second shipping address, a gift certificate's recipient). */
export function orderRecipient(seed: number, orderId: number, k: number): PersonCore {
  return person(rngFor(seed, ORDERS_TAG, orderId, k, 12), orderId * 10 + k);
}

export interface ProductCore {
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  price: number;
  costPrice: number;
  weight: number;
  brandId: number;
  brandName: string;
  /** 0 for a simple product (one base variant), else the number of option variants (2-4). */
  optionVariants: number;
  optionIndex: number;
  inventoryLevel: number;
  totalSold: number;
  isVisible: boolean;
}

/** Catalog facts of a product; a live edit (`version`) changes price, stock and sales. */
export function productCore(seed: number, id: number, version: number): ProductCore {
  const rng = rngFor(seed, PRODUCTS_TAG, id, 0, 1);
  const adjective = rng.pick(PRODUCT_ADJECTIVES);
  const material = rng.pick(PRODUCT_MATERIALS);
  const noun = rng.pick(PRODUCT_NOUNS);
  const brand = rng.pick(BRANDS);
  const type = rng.chance(0.08) ? 'digital' : 'physical';
  const optionVariants = rng.chance(0.4) ? rng.int(2, 4) : 0;
  const optionIndex = rng.int(0, 1);
  const basePrice = rng.money(4, 240);
  const edit = rngFor(seed, PRODUCTS_TAG, id, version, 2);
  const price = version === 0 ? basePrice : Math.round(basePrice * (0.8 + edit.next() * 0.4) * 100) / 100;
  return {
    name: `${adjective} ${material} ${noun} ${id}`,
    sku: `${material.slice(0, 3).toUpperCase()}-${noun.replace(/ /g, '').slice(0, 3).toUpperCase()}-${id}`,
    type,
    price,
    costPrice: Math.round(basePrice * 0.55 * 100) / 100,
    weight: type === 'digital' ? 0 : rng.int(1, 40) / 4,
    brandId: brand.id,
    brandName: brand.name,
    optionVariants,
    optionIndex,
    inventoryLevel: edit.int(0, 500),
    totalSold: rng.int(0, 300) + version * edit.int(0, 3),
    isVisible: rng.chance(0.92),
  };
}

/** Variant ids are globally unique: the base variant of product p is 1000 + 5p, option variants follow. */
export function variantId(productId: number, k: number): number {
  return 1000 + productId * 5 + k;
}

export const COUPON_TYPES = [
  'per_item_discount',
  'percentage_discount',
  'per_total_discount',
  'shipping_discount',
  'free_shipping',
  'promotion',
] as const;
export type CouponType = (typeof COUPON_TYPES)[number];

export interface CouponCore {
  name: string;
  code: string;
  type: CouponType;
  typeIndex: number;
  amount: number;
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export function couponCore(seed: number, id: number): CouponCore {
  const rng = rngFor(seed, COUPONS_TAG, id, 0, 1);
  const r = rng.next();
  const typeIndex = r < 0.15 ? 0 : r < 0.45 ? 1 : r < 0.75 ? 2 : r < 0.83 ? 3 : r < 0.9 ? 4 : 5;
  const type = COUPON_TYPES[typeIndex] ?? 'per_total_discount';
  let code = '';
  for (let i = 0; i < 9; i++) code += CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)];
  const amount =
    type === 'promotion' || type === 'free_shipping'
      ? 0
      : type === 'percentage_discount'
        ? rng.pick([5, 10, 15, 20, 25])
        : rng.pick([2, 5, 10, 15, 20]);
  const label =
    type === 'percentage_discount'
      ? `${amount}% off`
      : type === 'free_shipping'
        ? 'Free shipping'
        : type === 'promotion'
          ? 'Promotion'
          : `$${amount} off`;
  return { name: `${label} #${id}`, code, type, typeIndex, amount };
}

export const ORDER_STATUSES = [
  {
    id: 0,
    name: 'Incomplete',
    description: 'An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.',
  },
  { id: 1, name: 'Pending', description: 'Customer started the checkout process, but did not complete it.' },
  {
    id: 2,
    name: 'Shipped',
    description: 'Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.',
  },
  {
    id: 3,
    name: 'Partially Shipped',
    description: 'Only some items in the order have been shipped, due to some products being pre-order only or other reasons.',
  },
  { id: 4, name: 'Refunded', description: 'Seller has used the Refund action.' },
  { id: 5, name: 'Cancelled', description: 'Seller has cancelled an order, due to a stock inconsistency or other reasons.' },
  { id: 6, name: 'Declined', description: 'Seller has marked the order as declined for lack of manual payment, or other reasons.' },
  { id: 7, name: 'Awaiting Payment', description: 'Customer has completed checkout process, but payment has yet to be confirmed.' },
  {
    id: 8,
    name: 'Awaiting Pickup',
    description: 'Order has been pulled, and is awaiting customer pickup from a seller-specified location.',
  },
  {
    id: 9,
    name: 'Awaiting Shipment',
    description: 'Order has been pulled and packaged, and is awaiting collection from a shipping provider.',
  },
  { id: 10, name: 'Completed', description: 'Client has paid for their digital product and their file(s) are available for download.' },
  { id: 11, name: 'Awaiting Fulfillment', description: 'Customer has completed the checkout process and payment has been confirmed.' },
  { id: 12, name: 'Manual Verification Required', description: 'Order is on hold while some aspect needs to be manually confirmed.' },
  {
    id: 13,
    name: 'Disputed',
    description: 'Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.',
  },
  { id: 14, name: 'Partially Refunded', description: 'Seller has partially refunded the order.' },
] as const;

const STATUS_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [10, 35],
  [2, 15],
  [11, 10],
  [9, 6],
  [1, 5],
  [7, 5],
  [5, 4],
  [4, 3],
  [14, 3],
  [3, 3],
  [6, 2],
  [0, 3],
  [8, 2],
  [12, 2],
  [13, 2],
];

/** The order's status, which a live edit may change. */
export function orderStatusId(seed: number, id: number, version: number): number {
  const rng = rngFor(seed, ORDERS_TAG, id, version, 3);
  let r = rng.next() * 100;
  for (const [statusId, weight] of STATUS_WEIGHTS) {
    r -= weight;
    if (r < 0) return statusId;
  }
  return 10;
}

export interface OrderCore {
  statusId: number;
  /** 0 for a guest; otherwise a slot-picked customer id supplied by the caller. */
  isGuest: boolean;
  isDigital: boolean;
}

export function orderCore(seed: number, id: number, version: number): OrderCore {
  const rng = rngFor(seed, ORDERS_TAG, id, 0, 4);
  return { statusId: orderStatusId(seed, id, version), isGuest: rng.chance(0.12), isDigital: rng.chance(0.08) };
}
