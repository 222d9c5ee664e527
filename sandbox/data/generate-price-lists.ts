import { isoZ } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { settingsDates } from './settings-dates.js';

const PRICE_LISTS_TAG = streamTag('price_lists');
const NAMES = ['Wholesale', 'B2B', 'VIP customers', 'Clearance', 'Trade partners', 'Staff', 'Spring sale', 'Distributors'] as const;

/** A v3 price list: a name unique in the store (the list's name, then its id past the first few), ISO `Z` dates. */
export function priceListBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const rng = rngFor(ctx.seed, PRICE_LISTS_TAG, meta.id, 0, 1);
  const dates = settingsDates(meta, rng);
  const base = NAMES[(meta.id - 1) % NAMES.length] ?? NAMES[0];
  return {
    id: meta.id,
    name: meta.id <= NAMES.length ? base : `${base} ${meta.id}`,
    date_created: isoZ(dates.createdSec),
    date_modified: isoZ(dates.modifiedSec),
    active: rng.chance(0.8),
  };
}
