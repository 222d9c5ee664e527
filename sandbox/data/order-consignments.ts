/**
 * An order's consignments (`orderConsignment_Get` in orders.v2.oas2.yml) and fees (`orderFees_Resp`), built from
 * the same plan as its `/products` and `/shipping_addresses`, so they agree: every line of the order is in
 * exactly one consignment (physical lines in the shipping consignment of their address, or the pickup; digital
 * lines in `downloads`; gift certificates in `email.gift_certificates`), and a shipping consignment's id is its
 * shipping address id, which its lines name in `order_address_id`.
 */
import { cents, dec4 } from '../format.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { orderProducts, orderShippingAddresses } from './generate-orders.js';
import { type OrderPlan, orderPlan } from './order-plan.js';

/** How consignments carry their lines: the line objects, `{url, resource}` links, or nothing (`[]`). */
export type LineItemsForm = 'objects' | 'links' | 'empty';

export interface ConsignmentOptions {
  lineItems: LineItemsForm;
  /** Only the order's first lines (by id) appear, as if read from `/products` without `limit`. */
  maxLines?: number;
}

/** The one store location pickups are collected from: location 1 of `GET /v3/inventory/locations`. */
export const PICKUP_LOCATION = {
  id: 1,
  name: 'Main Street store',
  code: 'LOCATION-1',
  address_line_1: '123 Main Street',
  address_line_2: 'Suite 101',
  city: 'Austin',
  state: 'Texas',
  postal_code: '78726',
  country_alpha2: 'US',
  email: 'pickup@example.com',
  phone: '+1 512-555-0100',
};

function link(ctx: GenContext, resource: string): { url: string; resource: string } {
  return { url: `${ctx.storeBaseUrl}/v2${resource}`, resource };
}

/** A shipping consignment: the address's fields (costs as numbers, no order_id), its lines and quotes link. */
function shippingConsignment(ctx: GenContext, orderId: number, address: JsonObject, lineItems: unknown[]): JsonObject {
  const id = address.id as number;
  const cost = (field: string) => Number(address[field]);
  return {
    id,
    first_name: address.first_name,
    last_name: address.last_name,
    company: address.company,
    street_1: address.street_1,
    street_2: address.street_2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
    country_iso2: address.country_iso2,
    phone: address.phone,
    email: address.email,
    form_fields: address.form_fields,
    shipping_method: address.shipping_method,
    line_items: lineItems,
    items_total: address.items_total,
    items_shipped: address.items_shipped,
    base_cost: cost('base_cost'),
    cost_ex_tax: cost('cost_ex_tax'),
    cost_inc_tax: cost('cost_inc_tax'),
    cost_tax: cost('cost_tax'),
    cost_tax_class_id: address.cost_tax_class_id,
    base_handling_cost: cost('base_handling_cost'),
    handling_cost_ex_tax: cost('handling_cost_ex_tax'),
    handling_cost_inc_tax: cost('handling_cost_inc_tax'),
    handling_cost_tax: cost('handling_cost_tax'),
    handling_cost_tax_class_id: address.handling_cost_tax_class_id,
    shipping_zone_id: address.shipping_zone_id,
    shipping_zone_name: address.shipping_zone_name,
    shipping_quotes: link(ctx, `/orders/${orderId}/consignments/shipping/${id}/shipping_quotes`),
  };
}

/** `{pickups, shipping, downloads, email: {gift_certificates}}` of one order. */
export function orderConsignments(
  ctx: GenContext,
  meta: RecordMeta,
  options: ConsignmentOptions,
  plan: OrderPlan = orderPlan(ctx, meta),
): JsonObject {
  const lines = orderProducts(ctx, meta, plan);
  const shown = new Set(lines.slice(0, options.maxLines ?? lines.length).map((line) => line.id));
  const lineItems = (keep: (line: JsonObject) => boolean): unknown[] => {
    if (options.lineItems === 'empty') return [];
    const kept = lines.filter((line) => keep(line) && shown.has(line.id));
    return options.lineItems === 'objects' ? kept : kept.map((line) => link(ctx, `/orders/${meta.id}/products/${line.id}`));
  };
  const shipping = orderShippingAddresses(ctx, meta, plan).map((address) =>
    shippingConsignment(
      ctx,
      meta.id,
      address,
      lineItems((line) => line.order_address_id === address.id),
    ),
  );
  const pickups =
    plan.pickupId === 0
      ? []
      : [
          {
            id: plan.pickupId,
            pickup_method_id: 1,
            pickup_method_display_name: 'Pick Up',
            collection_instructions: 'Bring your ID',
            collection_time_description: '9am - 6pm',
            location: PICKUP_LOCATION,
            line_items: lineItems((line) => line.order_pickup_method_id === plan.pickupId),
          },
        ];
  const hasDigital = lines.some((line) => line.type === 'digital');
  const downloads = hasDigital ? [{ recipient_email: plan.buyer.email, line_items: lineItems((line) => line.type === 'digital') }] : [];
  const giftCertificates = lines
    .filter((line) => line.type === 'giftcertificate')
    .map((certificate, k) => ({
      recipient_email: `gift.${meta.id}.${k}@example.com`,
      line_items: lineItems((line) => line.id === certificate.id),
    }));
  return { pickups, shipping, downloads, email: { gift_certificates: giftCertificates } };
}

/** The order's fees (`orderFees_Resp`): decimal strings, as the spec's example shows them. */
export function orderFees(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  return plan.fees.map((fee) => {
    const tax = fee.taxClassId === null ? 0 : cents(fee.costExTax * plan.taxRate);
    return {
      id: fee.id,
      type: 'custom_fee',
      display_name_customer: fee.name,
      display_name_merchant: fee.name,
      source: 'v2',
      base_cost: dec4(fee.costExTax),
      cost_ex_tax: dec4(fee.costExTax),
      cost_inc_tax: dec4(fee.costExTax + tax),
      cost_tax: dec4(tax),
      tax_class_id: fee.taxClassId,
    };
  });
}
