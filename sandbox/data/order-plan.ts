import { cents } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, RecordMeta } from './context.js';
import { couponCore, customerCore, guestPerson, orderCore, type PersonCore, productCore } from './cores.js';
import { CURRENCIES } from './words.js';

const ORDERS_TAG = streamTag('orders');

export interface PlannedItem {
  id: number;
  productId: number;
  variantK: number;
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  price: number;
  costPrice: number;
  weight: number;
  quantity: number;
  brand: string;
  optionIndex: number;
  hasOptions: boolean;
}

export interface PlannedCoupon {
  id: number;
  couponId: number;
  code: string;
  typeIndex: number;
  amount: number;
  discount: number;
  amountAsString: boolean;
}

/** Everything an order and its sub-resources agree on: items, coupons, buyer and totals. */
export interface OrderPlan {
  statusId: number;
  customerId: number;
  buyer: PersonCore;
  isDigital: boolean;
  items: PlannedItem[];
  coupons: PlannedCoupon[];
  currency: (typeof CURRENCIES)[number];
  taxRate: number;
  subtotalExTax: number;
  subtotalTax: number;
  shippingCost: number;
  discount: number;
  totalExTax: number;
  totalTax: number;
  totalIncTax: number;
  itemsTotal: number;
  itemsShipped: number;
  refunded: number;
  shippingAddressId: number;
}

export function orderPlan(ctx: GenContext, meta: RecordMeta): OrderPlan {
  const id = meta.id;
  const core = orderCore(ctx.seed, id, meta.version);
  const rng = rngFor(ctx.seed, ORDERS_TAG, id, 0, 5);
  const customerId = core.isGuest ? 0 : ctx.pickId('customers', rng);
  const buyer = customerId === 0 ? guestPerson(ctx.seed, id) : customerCore(ctx.seed, customerId, 0);
  const itemCount = rng.pick([1, 1, 1, 2, 2, 3, 4, 5]);
  const items: PlannedItem[] = [];
  for (let k = 0; k < itemCount; k++) {
    const productId = ctx.pickId('products', rng);
    const product = productCore(ctx.seed, productId, 0);
    items.push({
      id: id * 6 + k,
      productId,
      variantK: product.optionVariants === 0 ? 0 : rng.int(1, product.optionVariants),
      name: product.name,
      sku: product.sku,
      type: core.isDigital ? 'digital' : 'physical',
      price: product.price,
      costPrice: product.costPrice,
      weight: product.weight,
      quantity: rng.pick([1, 1, 1, 2, 3]),
      brand: product.brandName,
      optionIndex: product.optionIndex,
      hasOptions: product.optionVariants > 0,
    });
  }
  const subtotalExTax = cents(items.reduce((sum, item) => sum + item.price * item.quantity, 0));
  const couponCount = rng.pick([0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
  const coupons: PlannedCoupon[] = [];
  for (let k = 0; k < couponCount; k++) {
    const couponId = ctx.pickId('coupons', rng);
    if (couponId === 0) break;
    const coupon = couponCore(ctx.seed, couponId);
    const discount =
      coupon.type === 'percentage_discount' ? cents((subtotalExTax * coupon.amount) / 100) : Math.min(subtotalExTax, coupon.amount);
    coupons.push({
      id: id * 3 + k,
      couponId,
      code: coupon.code,
      typeIndex: coupon.typeIndex,
      amount: coupon.amount,
      discount,
      amountAsString: rng.chance(0.5),
    });
  }
  const discount = cents(coupons.reduce((sum, c) => sum + c.discount, 0));
  const taxRate = rng.pick([0, 0, 0.0825, 0.1, 0.07]);
  const subtotalTax = cents(subtotalExTax * taxRate);
  const shippingCost = core.isDigital ? 0 : rng.pick([0, 5, 8.5, 12, 15.99]);
  const totalExTax = cents(Math.max(0, subtotalExTax + shippingCost - discount));
  const totalIncTax = cents(totalExTax + subtotalTax);
  const itemsTotal = items.reduce((sum, item) => sum + item.quantity, 0);
  const statusId = core.statusId;
  const shippedAll = statusId === 2 || statusId === 10 || statusId === 4 || statusId === 14;
  const itemsShipped = core.isDigital ? 0 : shippedAll ? itemsTotal : statusId === 3 ? Math.max(1, itemsTotal - 1) : 0;
  const refunded = statusId === 4 ? totalIncTax : statusId === 14 ? cents(totalIncTax * 0.3) : 0;
  const currency = rng.chance(0.85) ? CURRENCIES[0] : rng.pick(CURRENCIES);
  return {
    statusId,
    customerId,
    buyer,
    isDigital: core.isDigital,
    items,
    coupons,
    currency,
    taxRate,
    subtotalExTax,
    subtotalTax,
    shippingCost,
    discount,
    totalExTax,
    totalTax: subtotalTax,
    totalIncTax,
    itemsTotal,
    itemsShipped,
    refunded,
    shippingAddressId: core.isDigital ? 0 : id + 7000,
  };
}
