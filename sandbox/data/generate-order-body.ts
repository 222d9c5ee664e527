import { cents, dec4, dec10, rfc2822 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { ORDER_STATUSES } from './cores.js';
import { type OrderPlan, orderPlan } from './order-plan.js';
import { ORDER_SOURCES, PAYMENT_METHODS } from './words.js';

const ORDERS_TAG = streamTag('orders');

const PAYMENT_STATUS: Record<number, string> = {
  0: '',
  1: 'pending',
  2: 'captured',
  3: 'captured',
  4: 'refunded',
  5: 'void',
  6: 'declined',
  7: 'pending',
  8: 'captured',
  9: 'captured',
  10: 'captured',
  11: 'captured',
  12: 'held for review',
  13: 'captured',
  14: 'partially refunded',
};

function link(ctx: GenContext, resource: string): { url: string; resource: string } {
  return { url: `${ctx.storeBaseUrl}/v2${resource}`, resource };
}

/** `"0"` instead of `"0.0000"` on some orders, as the spec's examples show. */
function zeroish(value: number, unpadded: boolean): string {
  return value === 0 && unpadded ? '0' : dec4(value);
}

/** A v2 order (bare object, RFC 2822 dates, decimal strings, link objects for sub-resources). */
export function orderBody(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject {
  const id = meta.id;
  const rng = rngFor(ctx.seed, ORDERS_TAG, id, 0, 6);
  const status = ORDER_STATUSES[plan.statusId] ?? ORDER_STATUSES[10];
  const unpadded = rng.chance(0.15);
  const shipped = plan.itemsShipped > 0;
  const shippedSec = meta.createdSec + Math.floor((meta.modifiedSec - meta.createdSec) / 2);
  const buyer = plan.buyer;
  const shippingTax = cents(plan.shippingCost * plan.taxRate);
  return {
    id,
    customer_id: plan.customerId,
    date_created: rfc2822(meta.createdSec),
    date_modified: rfc2822(meta.modifiedSec),
    date_shipped: shipped ? rfc2822(shippedSec) : '',
    status_id: status.id,
    status: status.name,
    custom_status: status.name,
    subtotal_ex_tax: dec4(plan.subtotalExTax),
    subtotal_inc_tax: dec4(plan.subtotalExTax + plan.subtotalTax),
    subtotal_tax: dec4(plan.subtotalTax),
    base_shipping_cost: dec4(plan.shippingCost),
    shipping_cost_ex_tax: dec4(plan.shippingCost),
    shipping_cost_inc_tax: dec4(plan.shippingCost + shippingTax),
    shipping_cost_tax: dec4(shippingTax),
    shipping_cost_tax_class_id: 0,
    base_handling_cost: dec4(0),
    handling_cost_ex_tax: dec4(0),
    handling_cost_inc_tax: dec4(0),
    handling_cost_tax: dec4(0),
    handling_cost_tax_class_id: 0,
    base_wrapping_cost: zeroish(0, unpadded),
    wrapping_cost_ex_tax: dec4(0),
    wrapping_cost_inc_tax: dec4(0),
    wrapping_cost_tax: dec4(0),
    wrapping_cost_tax_class_id: 0,
    total_ex_tax: dec4(plan.totalExTax),
    total_inc_tax: dec4(plan.totalIncTax),
    total_tax: dec4(plan.totalTax),
    is_tax_inclusive_pricing: false,
    items_total: plan.itemsTotal,
    items_shipped: plan.itemsShipped,
    payment_method: rng.pick(PAYMENT_METHODS),
    payment_provider_id: rng.chance(0.5) ? '' : `ch_${(id * 2654435761) % 1e10}`,
    payment_status: PAYMENT_STATUS[plan.statusId] ?? '',
    refunded_amount: zeroish(plan.refunded, unpadded),
    order_is_digital: plan.isDigital,
    store_credit_amount: zeroish(0, unpadded),
    gift_certificate_amount: dec4(0),
    ip_address: rng.chance(0.7) ? `198.51.100.${rng.int(1, 254)}` : '',
    ip_address_v6: '',
    geoip_country: buyer.place.country,
    geoip_country_iso2: buyer.place.iso2,
    currency_id: plan.currency.id,
    currency_code: plan.currency.code,
    currency_exchange_rate: dec10(plan.currency.rate),
    default_currency_id: 1,
    default_currency_code: 'USD',
    staff_notes: rng.chance(0.05) ? 'Called customer about delivery' : '',
    customer_message: rng.chance(0.08) ? 'Please gift wrap' : '',
    discount_amount: dec4(plan.discount),
    coupon_discount: dec4(plan.discount),
    shipping_address_count: plan.addresses.length,
    is_deleted: false,
    ebay_order_id: '0',
    cart_id: `${hex(rng.int(0, 0xffffff), 6)}f7-2e88-4817-aea4-${hex(id, 12)}`,
    billing_address: {
      first_name: buyer.firstName,
      last_name: buyer.lastName,
      company: buyer.company,
      street_1: buyer.street,
      street_2: '',
      city: buyer.place.city,
      state: buyer.place.state,
      zip: buyer.place.zip,
      country: buyer.place.country,
      country_iso2: buyer.place.iso2,
      phone: buyer.phone,
      email: buyer.email,
      form_fields: [],
    },
    is_email_opt_in: rng.chance(0.3),
    credit_card_type: null,
    order_source: rng.pick(ORDER_SOURCES),
    channel_id: 1,
    external_source: null,
    products: link(ctx, `/orders/${id}/products`),
    shipping_addresses: link(ctx, `/orders/${id}/shippingaddresses`),
    coupons: link(ctx, `/orders/${id}/coupons`),
    external_id: null,
    external_merchant_id: null,
    tax_provider_id: plan.taxRate > 0 ? 'BasicTaxProvider' : '',
    store_default_currency_code: 'USD',
    store_default_to_transactional_exchange_rate: dec10(plan.currency.rate),
    customer_locale: 'en',
    external_order_id: '',
  };
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0').slice(-width);
}
