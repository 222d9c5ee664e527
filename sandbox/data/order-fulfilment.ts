/**
 * How an order is fulfilled: which lines it has and where they go (shipping addresses, a pickup, downloads,
 * gift certificates by email), and its fees. Drawn from random sequences of their own, so the simple orders
 * (most of them) keep exactly the lines and addresses they always had.
 */
import { type Rng, rngFor, streamTag } from '../random.js';
import type { GenContext } from './context.js';
import { orderRecipient, type PersonCore, productCore } from './cores.js';

const ORDERS_TAG = streamTag('orders');

/**
 * `simple`: physical lines to one address; `digital`: downloads only; `multi-address`: 2-3 shipping addresses;
 * `pickup`: collected at a store (no shipping address); `mixed`: physical lines plus a download and a gift
 * certificate; `bulk`: 51-80 lines to one address (more than a default page of 50).
 */
export type Fulfilment = 'simple' | 'digital' | 'multi-address' | 'pickup' | 'mixed' | 'bulk';

export type LineType = 'physical' | 'digital' | 'giftcertificate';

export interface PlannedItem {
  id: number;
  productId: number;
  variantK: number;
  name: string;
  sku: string;
  type: LineType;
  price: number;
  costPrice: number;
  weight: number;
  quantity: number;
  brand: string;
  optionIndex: number;
  hasOptions: boolean;
  /** The shipping address (= shipping consignment) id, 0 for lines not shipped. */
  addressId: number;
  /** The pickup consignment id, 0 unless collected. */
  pickupId: number;
  giftCertificateId: number | null;
}

export interface PlannedAddress {
  id: number;
  person: PersonCore;
  shippingCost: number;
}

export interface PlannedFee {
  id: number;
  name: string;
  costExTax: number;
  taxClassId: number | null;
}

/** Line ids are unique store-wide: lines 0-5 of order n are 6n..6n+5 (as they always were), more lie above 10,000,000. */
export function lineId(orderId: number, k: number): number {
  return k < 6 ? orderId * 6 + k : 10_000_000 + orderId * 100 + k;
}

/** The first address keeps the id it always had (order id + 7000); more addresses lie above 20,000,000. */
function addressId(orderId: number, j: number): number {
  return j === 0 ? orderId + 7000 : 20_000_000 + orderId * 4 + j;
}

export function drawFulfilment(seed: number, orderId: number, isDigital: boolean): { kind: Fulfilment; rng: Rng } {
  const rng = rngFor(seed, ORDERS_TAG, orderId, 0, 11);
  const r = rng.next();
  if (isDigital) return { kind: 'digital', rng };
  const kind: Fulfilment = r < 0.05 ? 'multi-address' : r < 0.08 ? 'pickup' : r < 0.12 ? 'mixed' : r < 0.135 ? 'bulk' : 'simple';
  return { kind, rng };
}

/** A catalog line: the draws (product, variant, quantity) in the order the original generator made them. */
export function catalogLine(ctx: GenContext, rng: Rng, orderId: number, k: number, type: LineType): PlannedItem {
  const productId = ctx.pickId('products', rng);
  const product = productCore(ctx.seed, productId, 0);
  return {
    id: lineId(orderId, k),
    productId,
    variantK: product.optionVariants === 0 ? 0 : rng.int(1, product.optionVariants),
    name: product.name,
    sku: product.sku,
    type,
    price: product.price,
    costPrice: product.costPrice,
    weight: product.weight,
    quantity: rng.pick([1, 1, 1, 2, 3]),
    brand: product.brandName,
    optionIndex: product.optionIndex,
    hasOptions: product.optionVariants > 0,
    addressId: 0,
    pickupId: 0,
    giftCertificateId: null,
  };
}

function giftCertificateLine(rng: Rng, orderId: number, k: number): PlannedItem {
  return {
    id: lineId(orderId, k),
    productId: 0,
    variantK: 0,
    name: 'Gift Certificate',
    sku: '',
    type: 'giftcertificate',
    price: rng.pick([25, 50, 100]),
    costPrice: 0,
    weight: 0,
    quantity: 1,
    brand: '',
    optionIndex: 0,
    hasOptions: false,
    addressId: 0,
    pickupId: 0,
    giftCertificateId: orderId + 9000,
  };
}

/** Adds the lines a fulfilment kind needs beyond the order's base lines. */
export function addLines(ctx: GenContext, kind: Fulfilment, rng: Rng, orderId: number, items: PlannedItem[]): void {
  if (kind === 'multi-address') {
    const wanted = Math.max(items.length, rng.int(2, 3));
    while (items.length < wanted) items.push(catalogLine(ctx, rng, orderId, items.length, 'physical'));
  } else if (kind === 'mixed') {
    items.push(catalogLine(ctx, rng, orderId, items.length, 'digital'));
    items.push(giftCertificateLine(rng, orderId, items.length));
  } else if (kind === 'bulk') {
    const wanted = rng.int(51, 80);
    while (items.length < wanted) items.push(catalogLine(ctx, rng, orderId, items.length, 'physical'));
  }
}

/**
 * The shipping addresses (buyer first; a multi-address order ships to 2-3), each physical line's address, and
 * the pickup consignment id of a pickup order. Extra addresses ship free.
 */
export function placeLines(
  kind: Fulfilment,
  rng: Rng,
  seed: number,
  orderId: number,
  buyer: PersonCore,
  shippingCost: number,
  items: PlannedItem[],
): { addresses: PlannedAddress[]; pickupId: number } {
  if (kind === 'digital') return { addresses: [], pickupId: 0 };
  if (kind === 'pickup') {
    const pickupId = orderId + 5000;
    for (const item of items) item.pickupId = pickupId;
    return { addresses: [], pickupId };
  }
  const count = kind === 'multi-address' ? Math.min(items.length, rng.int(2, 3)) : 1;
  const addresses: PlannedAddress[] = [];
  for (let j = 0; j < count; j++) {
    addresses.push({
      id: addressId(orderId, j),
      person: j === 0 ? buyer : orderRecipient(seed, orderId, j),
      shippingCost: j === 0 ? shippingCost : 0,
    });
  }
  const physical = items.filter((item) => item.type === 'physical');
  for (const [k, item] of physical.entries()) item.addressId = addresses[k % count]?.id ?? 0;
  return { addresses, pickupId: 0 };
}

/** A few orders carry fees (a handling or insurance fee): none on most. */
export function plannedFees(seed: number, orderId: number): PlannedFee[] {
  const rng = rngFor(seed, ORDERS_TAG, orderId, 0, 13);
  const count = rng.pick([0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  const fees: PlannedFee[] = [];
  for (let k = 0; k < count; k++) {
    fees.push({
      id: orderId * 2 + k,
      name: rng.pick(['Package Protection', 'Handling Fee', 'Eco Fee']),
      costExTax: rng.pick([1.5, 2, 4.99, 8.5]),
      taxClassId: rng.chance(0.5) ? null : rng.pick([0, 22]),
    });
  }
  return fees;
}
