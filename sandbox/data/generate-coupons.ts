import { dec4, rfc2822 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { couponCore } from './cores.js';

const COUPONS_TAG = streamTag('coupons');

const COUNTRIES = ['AU', 'US', 'GB', 'CA'] as const;
const SHIPPING = ['shipping_endicia', 'shipping_upsready', 'shipping_flatrate', 'shipping_byweight'] as const;

/** A v2 coupon, including the promotion-type quirks (`restricted_to: []`, `shipping_methods: null`). */
export function couponBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const core = couponCore(ctx.seed, meta.id);
  const rng = rngFor(ctx.seed, COUPONS_TAG, meta.id, 0, 2);
  const isPromotion = core.type === 'promotion';
  const maxUses = rng.chance(0.6) ? 0 : rng.pick([10, 25, 100, 500]);
  const numUses = maxUses === 0 ? rng.int(0, 80) : rng.int(0, maxUses);
  const expiresSec = meta.createdSec + rng.int(30, 400) * 86_400;
  return {
    id: meta.id,
    name: core.name,
    type: core.type,
    amount: dec4(core.amount),
    min_purchase: isPromotion ? dec4(0) : dec4(rng.pick([0, 0, 0, 25, 50, 100])),
    expires: !isPromotion && rng.chance(0.3) ? rfc2822(expiresSec) : '',
    enabled: rng.chance(0.85),
    code: core.code,
    applies_to: isPromotion
      ? {}
      : rng.chance(0.7)
        ? { entity: 'categories', ids: [0] }
        : { entity: 'products', ids: [ctx.pickId('products', rng), ctx.pickId('products', rng)] },
    num_uses: numUses,
    max_uses: maxUses,
    max_uses_per_customer: rng.chance(0.8) ? 0 : 1,
    restricted_to: isPromotion ? [] : rng.chance(0.75) ? {} : { countries: rng.pick(COUNTRIES) },
    shipping_methods: isPromotion ? null : rng.chance(0.7) ? [] : [rng.pick(SHIPPING)],
    date_created: rfc2822(meta.createdSec),
  };
}
