import { dec4 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';

const GROUPS_TAG = streamTag('customer_groups');

/** `2023-07-17 06:30:41`: the form customers.v2.yml shows for customer group dates (UTC). */
export function sqlDateTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The store's groups by id (customers name groups 1-3; group 4 is the guests' group); later ids get generic names. */
const NAMED_GROUPS = ['Wholesale', 'VIP', 'Trade', 'Guests', 'Staff'] as const;

function discountRules(ctx: GenContext, id: number): JsonObject[] {
  const rng = rngFor(ctx.seed, GROUPS_TAG, id, 0, 2);
  switch (id) {
    case 1:
      return [{ type: 'all', method: 'percent', amount: dec4(10) }];
    case 2:
      return [
        { type: 'category', method: 'percent', amount: dec4(5), category_id: rng.int(18, 30) },
        { type: 'product', method: 'fixed', amount: dec4(2), product_id: ctx.pickId('products', rng) },
      ];
    case 3:
      return [{ type: 'price_list', price_list_id: 1 }];
    case 4:
      return [];
    default:
      return rng.chance(0.5) ? [] : [{ type: 'all', method: rng.pick(['percent', 'fixed']), amount: dec4(rng.pick([2, 5, 15])) }];
  }
}

/**
 * A v2 customer group (`customerGroup_Full`): discount rules of the four shapes the spec lists (store-wide, by
 * category, by product, by price list), category access, and dates in the `YYYY-MM-DD HH:MM:SS` form of the spec's
 * example. Group ids are sequential, so the ids customers carry (1-3) always exist.
 */
export function customerGroupBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const rng = rngFor(ctx.seed, GROUPS_TAG, meta.id, 0, 1);
  const name = NAMED_GROUPS[meta.id - 1] ?? `Group ${meta.id}`;
  const isSpecific = meta.id === 3 || (meta.id > 4 && rng.chance(0.3));
  return {
    id: meta.id,
    name,
    is_default: false,
    category_access: isSpecific ? { type: 'specific', categories: [18, 19, rng.int(20, 30)] } : { type: 'all' },
    discount_rules: discountRules(ctx, meta.id),
    date_created: sqlDateTime(meta.createdSec),
    date_modified: sqlDateTime(meta.modifiedSec),
    is_group_for_guests: name === 'Guests',
  };
}
