/** An order's sub-resources: `/products`, `/shipping_addresses` and `/coupons`, all from the order's plan. */
import { cents, dec4 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { variantId } from './cores.js';
import { type OrderPlan, orderPlan } from './order-plan.js';
import { OPTION_NAMES, SHIPPING_METHODS } from './words.js';

const ORDERS_TAG = streamTag('orders');

/** Each line's shipped quantity: the order's shipped items, physical lines first to last. */
export function shippedQuantities(plan: OrderPlan): number[] {
  let left = plan.itemsShipped;
  return plan.items.map((item) => {
    if (item.type !== 'physical') return 0;
    const shipped = Math.min(item.quantity, left);
    left -= shipped;
    return shipped;
  });
}

/** `/v2/orders/{id}/products` line items, id ascending. */
export function orderProducts(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  const shipped = shippedQuantities(plan);
  return plan.items.map((item, k) => {
    const tax = cents(item.price * plan.taxRate);
    const option = OPTION_NAMES[item.optionIndex] ?? OPTION_NAMES[0];
    const firstCoupon = plan.coupons[0];
    return {
      id: item.id,
      order_id: meta.id,
      product_id: item.productId,
      variant_id: item.productId === 0 ? 0 : variantId(item.productId, item.variantK),
      order_pickup_method_id: item.pickupId,
      order_address_id: item.addressId,
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
      quantity_shipped: shipped[k] ?? 0,
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
      gift_certificate_id: item.giftCertificateId,
      discounted_total_inc_tax: dec4((item.price + tax) * item.quantity - (k === 0 ? plan.discount : 0)),
    };
  });
}

/**
 * `/v2/orders/{id}/shipping_addresses`: one per shipping address (none for a digital or pickup order), each
 * with the quantities of its own lines.
 */
export function orderShippingAddresses(ctx: GenContext, meta: RecordMeta, plan: OrderPlan = orderPlan(ctx, meta)): JsonObject[] {
  const rng = rngFor(ctx.seed, ORDERS_TAG, meta.id, 0, 7);
  const shipped = shippedQuantities(plan);
  return plan.addresses.map((address, j) => {
    const person = address.person;
    const lines = plan.items.map((item, k) => ({ item, shipped: shipped[k] ?? 0 })).filter(({ item }) => item.addressId === address.id);
    const method =
      address.shippingCost === 0
        ? 'Free Shipping'
        : j === 0
          ? rng.pick(SHIPPING_METHODS.filter((m) => m !== 'Free Shipping'))
          : 'Flat Rate';
    const tax = cents(address.shippingCost * plan.taxRate);
    const quotes = `/orders/${meta.id}/shippingaddresses/${address.id}/shippingquotes`;
    return {
      id: address.id,
      order_id: meta.id,
      first_name: person.firstName,
      last_name: person.lastName,
      company: person.company,
      street_1: person.street,
      street_2: '',
      city: person.place.city,
      zip: person.place.zip,
      country: person.place.country,
      country_iso2: person.place.iso2,
      state: person.place.state,
      email: person.email,
      phone: person.phone,
      items_total: lines.reduce((sum, line) => sum + line.item.quantity, 0),
      items_shipped: lines.reduce((sum, line) => sum + line.shipped, 0),
      shipping_method: method,
      base_cost: dec4(address.shippingCost),
      cost_ex_tax: dec4(address.shippingCost),
      cost_inc_tax: dec4(address.shippingCost + tax),
      cost_tax: dec4(tax),
      cost_tax_class_id: 2,
      base_handling_cost: dec4(0),
      handling_cost_ex_tax: dec4(0),
      handling_cost_inc_tax: dec4(0),
      handling_cost_tax: dec4(0),
      handling_cost_tax_class_id: 2,
      shipping_zone_id: person.place.iso2 === 'US' ? 1 : 2,
      shipping_zone_name: person.place.iso2 === 'US' ? 'United States' : 'International',
      shipping_quotes: { url: `${ctx.storeBaseUrl}/v2${quotes}`, resource: quotes },
      form_fields: [],
    };
  });
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
