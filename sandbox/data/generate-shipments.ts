import { dec4, rfc2822 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import type { PersonCore } from './cores.js';
import { orderShippingAddresses, shippedQuantities } from './generate-orders.js';
import { type OrderPlan, orderPlan } from './order-plan.js';

const SHIPMENTS_TAG = streamTag('shipments');

interface Carrier {
  provider: string;
  displayName: string;
  trackingNumber(n: number): string;
  link(tracking: string): string;
}

const CARRIERS: Readonly<Record<string, Carrier>> = {
  usps: {
    provider: 'usps',
    displayName: 'USPS',
    trackingNumber: (n) => `9400${String(n).padStart(18, '0')}`,
    link: (t) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${t}`,
  },
  ups: {
    provider: 'ups',
    displayName: 'UPS',
    trackingNumber: (n) => `1Z999AA1${String(n).padStart(10, '0')}`,
    link: (t) => `https://www.ups.com/track?tracknum=${t}`,
  },
  fedex: {
    provider: 'fedex',
    displayName: 'FedEx',
    trackingNumber: (n) => String(n).padStart(12, '7'),
    link: (t) => `https://www.fedex.com/fedextrack/?trknbr=${t}`,
  },
  none: { provider: '', displayName: '', trackingNumber: (n) => `TRK${n}`, link: () => '' },
};

function address(person: PersonCore): JsonObject {
  return {
    first_name: person.firstName,
    last_name: person.lastName,
    company: person.company,
    street_1: person.street,
    street_2: '',
    city: person.place.city,
    state: person.place.state,
    zip: person.place.zip,
    country: person.place.country,
    country_iso2: person.place.iso2,
    phone: person.phone,
    email: person.email,
  };
}

interface ShippedLine {
  id: number;
  productId: number;
  quantity: number;
  addressId: number;
}

/** The shipped lines grouped into shipments: one per destination, a destination's first line alone now and then. */
function groupShipments(plan: OrderPlan, split: () => boolean): ShippedLine[][] {
  const shipped = shippedQuantities(plan);
  const byDestination = new Map<number, ShippedLine[]>();
  plan.items.forEach((item, k) => {
    const quantity = shipped[k] ?? 0;
    if (quantity === 0) return;
    const lines = byDestination.get(item.addressId) ?? [];
    lines.push({ id: item.id, productId: item.productId, quantity, addressId: item.addressId });
    byDestination.set(item.addressId, lines);
  });
  return [...byDestination.values()].flatMap((lines) => (lines.length > 1 && split() ? [lines.slice(0, 1), lines.slice(1)] : [lines]));
}

/**
 * `GET /v2/orders/{order_id}/shipments` (orders.v2.oas2.yml `orderShipment`): the order's shipped items, per
 * shipping address, shipped when the order's `date_shipped` says; their quantities add up to each line's
 * `quantity_shipped` and to the order's `items_shipped`. None (204) when nothing shipped.
 */
export function orderShipments(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  if (plan.itemsShipped === 0) return [];
  const rng = rngFor(ctx.seed, SHIPMENTS_TAG, meta.id, 0, 1);
  const addresses = orderShippingAddresses(ctx, meta, plan);
  const shippedSec = meta.createdSec + Math.floor((meta.modifiedSec - meta.createdSec) / 2);
  return groupShipments(plan, () => rng.chance(0.25)).map((lines, n) => {
    const id = meta.id * 8 + n;
    const addressId = lines[0]?.addressId ?? 0;
    const shippingAddress = addresses.find((a) => a.id === addressId);
    const person = plan.addresses.find((a) => a.id === addressId)?.person ?? plan.buyer;
    const carrier =
      CARRIERS[person.place.iso2 === 'US' ? rng.pick(['usps', 'ups', 'fedex']) : rng.pick(['fedex', 'none'])] ?? CARRIERS.none!;
    const tracking = carrier.trackingNumber(id * 7919 + rng.int(0, 999));
    return {
      id,
      order_id: meta.id,
      customer_id: plan.customerId,
      order_address_id: addressId,
      date_created: rfc2822(Math.min(meta.modifiedSec, shippedSec + n * 3600)),
      tracking_number: tracking,
      merchant_shipping_cost: dec4(n === 0 ? (plan.addresses.find((a) => a.id === addressId)?.shippingCost ?? 0) * 0.8 : 0),
      shipping_method: shippingAddress?.shipping_method ?? 'Pickup In Store',
      shipping_provider: carrier.provider,
      tracking_carrier: '',
      tracking_link: '',
      comments: rng.chance(0.2) ? 'Left at the front door' : '',
      billing_address: address(plan.buyer),
      shipping_address: address(person),
      items: lines.map((line) => ({ order_product_id: line.id, product_id: line.productId, quantity: line.quantity })),
      shipping_provider_display_name: carrier.displayName,
      generated_tracking_link: carrier.link(tracking),
    };
  });
}
