import { isoOffset } from '../format.js';
import { type Rng, rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { productCore, variantId } from './cores.js';
import { BRANDS } from './words.js';

const PROMOTIONS_TAG = streamTag('promotions');
const DAY = 86_400;

const money = (value: number): string => value.toFixed(2);

/** A rule the merchant would set up, with the matchers and action shapes of promotions.v3.yml. */
interface RuleTemplate {
  name: (rng: Rng) => string;
  rule: (ctx: GenContext, rng: Rng) => JsonObject;
}

const TEMPLATES: readonly RuleTemplate[] = [
  {
    name: (rng) => `${rng.pick([5, 10, 15])}% off orders over $${rng.pick([50, 100, 150])}`,
    rule: (_ctx, rng) => ({
      action: { cart_value: { discount: { percentage_amount: String(rng.pick([5, 10, 15])) }, maximum_allowed_discount_amount: null } },
      apply_once: true,
      stop: false,
      condition: { cart: { minimum_spend: money(rng.pick([50, 100, 150])) } },
    }),
  },
  {
    name: () => 'Free shipping over $75',
    rule: (_ctx, rng) => ({
      action: { shipping: { free_shipping: true, zone_ids: rng.chance(0.6) ? '*' : [1, rng.int(2, 4)] } },
      apply_once: true,
      stop: false,
      condition: { cart: { minimum_spend: money(75) } },
    }),
  },
  {
    name: () => 'Buy 2, get the cheaper one free',
    rule: (ctx, rng) => {
      const items = { products: [ctx.pickId('products', rng), ctx.pickId('products', rng)] };
      return {
        action: { cart_items: { discount: { percentage_amount: '100' }, items, quantity: 1, strategy: 'LEAST_EXPENSIVE' } },
        apply_once: false,
        stop: false,
        condition: { cart: { items, minimum_quantity: 2 } },
      };
    },
  },
  {
    name: (rng) => `$${rng.pick([5, 10])} off brand or category items`,
    rule: (_ctx, rng) => ({
      action: {
        cart_items: {
          discount: { fixed_amount: money(rng.pick([5, 10])) },
          items: { or: [{ brands: [rng.pick(BRANDS).id] }, { categories: [rng.int(18, 30)] }] },
          as_total: false,
          exclude_items_on_sale: rng.chance(0.5),
        },
      },
      apply_once: true,
      stop: false,
    }),
  },
  {
    name: () => 'Free gift with orders over $150',
    rule: (ctx, rng) => {
      const productId = ctx.pickId('products', rng);
      // A product with options is given as its first option variant; a simple one as its base variant.
      const variant = variantId(productId, productCore(ctx.seed, productId, 0).optionVariants === 0 ? 0 : 1);
      return {
        action: { gift_item: { quantity: 1, product_id: productId, variant_id: variant } },
        apply_once: true,
        stop: true,
        condition: {
          and: [{ cart: { minimum_spend: money(150) } }, { cart: { items: { categories: [rng.int(18, 30)] }, minimum_quantity: 1 } }],
        },
      };
    },
  },
  {
    name: () => '3 for $20 (not on sale brands)',
    rule: (_ctx, rng) => ({
      action: {
        fixed_price_set: {
          quantity: 3,
          fixed_price: money(20),
          items: { and: [{ categories: [rng.int(18, 30)] }, { not: { brands: [rng.pick(BRANDS).id] } }] },
          strategy: 'LEAST_EXPENSIVE',
          exclude_items_on_sale: true,
        },
      },
      apply_once: true,
      stop: false,
    }),
  },
];

/** A coupon promotion's code (single-code promotions), `null` for bulk ones whose codes live at /promotions/{id}/codes. */
function couponFields(meta: RecordMeta, rng: Rng): JsonObject {
  const isBulk = rng.chance(0.2);
  const maxUses = rng.pick([0, 0, 100, 500]);
  return {
    codes: isBulk
      ? null
      : {
          id: meta.id * 2,
          code: `SAVE${meta.id}${rng.pick(['NOW', 'MORE', 'TODAY'])}`,
          current_uses: rng.int(0, maxUses === 0 ? 300 : maxUses),
          max_uses: maxUses,
          max_uses_per_customer: rng.pick([0, 1]),
          created: isoOffset(meta.createdSec),
        },
    coupon_overrides_other_promotions: false,
    coupon_overrides_automatic_when_offering_higher_discounts: false,
    multiple_codes: { has_multiple_codes: isBulk },
    coupon_type: isBulk ? 'BULK' : 'SINGLE',
  };
}

/** Who may use it: everyone, some customer groups, or everyone outside a group; now and then a customer segment. */
function customerTargeting(rng: Rng): JsonObject {
  const r = rng.next();
  const customer: JsonObject = {
    group_ids: r < 0.2 ? [1, 2] : [],
    minimum_order_count: rng.pick([0, 0, 0, 1]),
    excluded_group_ids: r >= 0.2 && r < 0.3 ? [3] : [],
  };
  if (rng.chance(0.1)) customer.segments = { id: [`5f3c1a2b-0d4e-4c6f-9a7b-${String(rng.int(0, 999_999)).padStart(12, '0')}`] };
  return customer;
}

/**
 * A v3 promotion (`SavedAutomaticPromotion` / `SavedCouponPromotion`): one of a few rules merchants set up, with
 * matchers naming the store's products, brands and categories, channel and customer-group targeting, and for
 * coupon promotions the code. Dates are ISO 8601 with `+00:00`, money is decimal text, as in the spec.
 */
export function promotionBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const rng = rngFor(ctx.seed, PROMOTIONS_TAG, meta.id, 0, 1);
  const edit = rngFor(ctx.seed, PROMOTIONS_TAG, meta.id, meta.version, 2);
  const template = TEMPLATES[rng.int(0, TEMPLATES.length - 1)] ?? TEMPLATES[0]!;
  const isCoupon = rng.chance(0.4);
  const name = template.name(rng);
  const hasEnd = rng.chance(0.6);
  const maxUses = rng.pick([0, 0, 50, 1000]);
  const promotion: JsonObject = {
    id: meta.id,
    redemption_type: isCoupon ? 'COUPON' : 'AUTOMATIC',
    name,
    display_name: name,
    created_from: rng.pick(['react_ui', 'react_ui', 'api', 'legacy_ui']),
    channels: rng.pick([[], [], [], [], [], [], [], [{ id: 1 }], [{ id: 1 }], [{ id: 1 }, { id: 2 }]]),
    customer: customerTargeting(rng),
    rules: [template.rule(ctx, rng)],
    current_uses: edit.int(0, maxUses === 0 ? 500 : maxUses),
    max_uses: maxUses,
    status: edit.chance(0.8) ? 'ENABLED' : 'DISABLED',
    start_date: isoOffset(meta.createdSec),
    end_date: hasEnd ? isoOffset(meta.createdSec + rng.int(7, 120) * DAY) : null,
    stop: false,
    can_be_used_with_other_promotions: rng.chance(0.7),
    currency_code: rng.chance(0.8) ? '*' : 'USD',
    notifications: rng.chance(0.5) ? [] : [{ content: `${name} applied!`, type: 'APPLIED', locations: ['CART_PAGE', 'CHECKOUT_PAGE'] }],
  };
  if (rng.chance(0.15)) promotion.shipping_address = { countries: [{ iso2_country_code: rng.pick(['US', 'AU', 'GB', 'CA']) }] };
  if (rng.chance(0.1)) {
    promotion.schedule = { week_frequency: 1, week_days: ['Saturday', 'Sunday'], daily_start_time: '00:00:00', daily_end_time: '23:59:00' };
  }
  return isCoupon ? { ...promotion, ...couponFields(meta, rng) } : promotion;
}
