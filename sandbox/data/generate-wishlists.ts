import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { productCore, variantId } from './cores.js';

const WISHLISTS_TAG = streamTag('wishlists');
const NAMES = ['My Wish List', 'Wish List', 'Christmas', 'Birthday', 'For later', 'Gift ideas'] as const;

/**
 * A customer's wishlists (`wishlist_Full`): most have none, some one or two, each with a few of the store's
 * products (a variant of the product when it has options). Ids: wishlist `2 × customer + k`, item
 * `8 × wishlist + j`, unique store-wide and stable whatever the customer's later edits.
 */
export function wishlistsOfCustomer(ctx: GenContext, customer: RecordMeta): JsonObject[] {
  const rng = rngFor(ctx.seed, WISHLISTS_TAG, customer.id, 0, 1);
  const count = rng.pick([0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
  const lists: JsonObject[] = [];
  for (let k = 0; k < count; k++) {
    const id = customer.id * 2 + k;
    const items: JsonObject[] = [];
    const itemCount = rng.int(0, 6);
    for (let j = 0; j < itemCount; j++) {
      const productId = ctx.pickId('products', rng);
      if (productId === 0) break;
      const options = productCore(ctx.seed, productId, 0).optionVariants;
      items.push({ id: id * 8 + j, product_id: productId, variant_id: variantId(productId, options === 0 ? 0 : rng.int(1, options)) });
    }
    const hex = (n: number) =>
      rng
        .int(0, 16 ** n - 1)
        .toString(16)
        .padStart(n, '0');
    lists.push({
      id,
      customer_id: customer.id,
      name: k === 0 ? rng.pick(NAMES) : rng.pick(NAMES.slice(2)),
      is_public: rng.chance(0.2),
      token: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(8)}${hex(4)}`,
      items,
    });
  }
  return lists;
}
