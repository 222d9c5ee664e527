import { cents, dec4, dec10, rfc2822 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { ORDER_STATUSES, variantId } from './cores.js';
import { type OrderPlan, orderPlan } from './order-plan.js';
import { OPTION_NAMES, ORDER_SOURCES, PAYMENT_METHODS, SHIPPING_METHODS } from './words.js';

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
    shipping_address_count: plan.isDigital ? 0 : 1,
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

/** `/v2/orders/{id}/products` line items, id ascending. */
export function orderProducts(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  return plan.items.map((item, k) => {
    const tax = cents(item.price * plan.taxRate);
    const option = OPTION_NAMES[item.optionIndex] ?? OPTION_NAMES[0];
    const shippedQty = plan.itemsShipped >= plan.itemsTotal ? item.quantity : k === 0 ? Math.min(item.quantity, plan.itemsShipped) : 0;
    const firstCoupon = plan.coupons[0];
    return {
      id: item.id,
      order_id: meta.id,
      product_id: item.productId,
      variant_id: variantId(item.productId, item.variantK),
      order_pickup_method_id: 0,
      order_address_id: plan.shippingAddressId,
      name: item.name,
      name_customer: item.name,
      name_merchant: item.name,
      sku: item.sku,
      upc: '',
      type: item.type,
      base_price: dec4(item.price),
      price_ex_tax: dec4(item.price),
      price_inc_tax: dec4(item.price + tax),
      price_tax: dec4(tax),
      base_total: dec4(item.price * item.quantity),
      total_ex_tax: dec4(item.price * item.quantity),
      total_inc_tax: dec4((item.price + tax) * item.quantity),
      total_tax: dec4(tax * item.quantity),
      weight: dec4(item.weight),
      width: dec4(0),
      height: dec4(0),
      depth: dec4(0),
      quantity: item.quantity,
      base_cost_price: dec4(item.costPrice),
      cost_price_inc_tax: dec4(item.costPrice),
      cost_price_ex_tax: dec4(item.costPrice),
      cost_price_tax: dec4(0),
      is_refunded: plan.statusId === 4,
      quantity_refunded: plan.statusId === 4 ? item.quantity : 0,
      refund_amount: dec4(plan.statusId === 4 ? (item.price + tax) * item.quantity : 0),
      return_id: 0,
      wrapping_id: 0,
      wrapping_name: '',
      base_wrapping_cost: dec4(0),
      wrapping_cost_ex_tax: dec4(0),
      wrapping_cost_inc_tax: dec4(0),
      wrapping_cost_tax: dec4(0),
      wrapping_message: '',
      quantity_shipped: shippedQty,
      event_name: null,
      event_date: null,
      fixed_shipping_cost: dec4(0),
      ebay_item_id: '',
      ebay_transaction_id: '',
      option_set_id: item.hasOptions ? 10 + item.optionIndex : null,
      parent_order_product_id: null,
      is_bundled_product: false,
      bin_picking_number: '',
      external_id: null,
      brand: item.brand,
      applied_discounts:
        k === 0 && firstCoupon
          ? [
              {
                id: String(firstCoupon.couponId),
                amount: dec4(firstCoupon.discount),
                name: 'Coupon',
                code: firstCoupon.code,
                target: 'order',
              },
            ]
          : [],
      product_options: item.hasOptions
        ? [
            {
              id: item.id * 2,
              option_id: 100 + item.productId,
              order_product_id: item.id,
              product_option_id: 100 + item.productId,
              display_name: option.name,
              display_name_customer: option.name,
              display_name_merchant: option.name,
              display_value: option.values[item.variantK - 1] ?? '',
              display_value_customer: option.values[item.variantK - 1] ?? '',
              display_value_merchant: option.values[item.variantK - 1] ?? '',
              value: String(60 + item.variantK - 1),
              type: 'Multiple choice',
              name: option.name === 'Size' ? 'Apparel sizes' : 'Colors',
              display_style: item.optionIndex === 0 ? 'Rectangle' : 'Swatch',
            },
          ]
        : [],
      configurable_fields: [],
      gift_certificate_id: null,
      discounted_total_inc_tax: dec4((item.price + tax) * item.quantity - (k === 0 ? plan.discount : 0)),
    };
  });
}

/** `/v2/orders/{id}/shipping_addresses`: one address for a physical order, none for a digital one. */
export function orderShippingAddresses(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  if (plan.isDigital) return [];
  const rng = rngFor(ctx.seed, ORDERS_TAG, meta.id, 0, 7);
  const buyer = plan.buyer;
  const addressId = plan.shippingAddressId;
  const quotes = `/orders/${meta.id}/shippingaddresses/${addressId}/shippingquotes`;
  return [
    {
      id: addressId,
      order_id: meta.id,
      first_name: buyer.firstName,
      last_name: buyer.lastName,
      company: buyer.company,
      street_1: buyer.street,
      street_2: '',
      city: buyer.place.city,
      zip: buyer.place.zip,
      country: buyer.place.country,
      country_iso2: buyer.place.iso2,
      state: buyer.place.state,
      email: buyer.email,
      phone: buyer.phone,
      items_total: plan.itemsTotal,
      items_shipped: plan.itemsShipped,
      shipping_method: plan.shippingCost === 0 ? 'Free Shipping' : rng.pick(SHIPPING_METHODS.filter((m) => m !== 'Free Shipping')),
      base_cost: dec4(plan.shippingCost),
      cost_ex_tax: dec4(plan.shippingCost),
      cost_inc_tax: dec4(plan.shippingCost + cents(plan.shippingCost * plan.taxRate)),
      cost_tax: dec4(cents(plan.shippingCost * plan.taxRate)),
      cost_tax_class_id: 2,
      base_handling_cost: dec4(0),
      handling_cost_ex_tax: dec4(0),
      handling_cost_inc_tax: dec4(0),
      handling_cost_tax: dec4(0),
      handling_cost_tax_class_id: 2,
      shipping_zone_id: buyer.place.iso2 === 'US' ? 1 : 2,
      shipping_zone_name: buyer.place.iso2 === 'US' ? 'United States' : 'International',
      shipping_quotes: { url: `${ctx.storeBaseUrl}/v2${quotes}`, resource: quotes },
      form_fields: [],
    },
  ];
}

/** `/v2/orders/{id}/coupons`: `type` is the integer 0-5, `amount` a number or a string. */
export function orderCoupons(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  return plan.coupons.map((coupon) => ({
    id: coupon.id,
    coupon_id: coupon.couponId,
    order_id: meta.id,
    code: coupon.code,
    amount: coupon.amountAsString ? dec4(coupon.amount) : coupon.amount,
    type: coupon.typeIndex,
    discount: coupon.discount,
  }));
}
