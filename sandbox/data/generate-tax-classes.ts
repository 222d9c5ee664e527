import { isoOffset } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { settingsDates } from './settings-dates.js';

const TAX_CLASSES_TAG = streamTag('tax_classes');

/**
 * The tax classes other streams name: BigCommerce's built-in 1-3 (2, Shipping, is every shipping address's
 * `cost_tax_class_id`), a custom one, and 22 (order fees' `tax_class_id`; products use 0, the default class,
 * which the list doesn't show).
 */
const KNOWN: Readonly<Record<number, string>> = {
  1: 'Non-Taxable Products',
  2: 'Shipping',
  3: 'Gift Wrapping',
  4: 'Clothing',
  22: 'Handling Fees',
};
export const TAX_CLASS_IDS = Object.keys(KNOWN).map(Number);

const CUSTOM = ['Food & Beverage', 'Digital Goods', 'Books', 'Reduced Rate'] as const;

/** A v2 tax class (`taxClass_Full`): `id` as a string, as the spec types it, ISO dates with an offset. */
export function taxClassBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const rng = rngFor(ctx.seed, TAX_CLASSES_TAG, meta.id, 0, 1);
  const dates = settingsDates(meta, rng);
  return {
    id: String(meta.id),
    name: KNOWN[meta.id] ?? `${rng.pick(CUSTOM)} ${meta.id}`,
    created_at: isoOffset(dates.createdSec),
    updated_at: isoOffset(dates.modifiedSec),
  };
}
