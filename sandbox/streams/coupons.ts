import { COUPON_TYPES, couponCore } from '../data/cores.js';
import { couponBody } from '../data/generate-coupons.js';
import { oneOf, textEquals } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const core = (record: RecordView) => couponCore(record.ctx.seed, record.meta.id);

/**
 * `GET /v2/coupons` (marketing.v2.yml): no date filter and no sort (id ascending); `min_id`/`max_id`/`id`,
 * `code`, `name`, `type`, `exclude_type`. Coupons have no date_modified, so live changes don't apply.
 */
export const coupons = defineCollection({
  stream: 'coupons',
  resource: 'marketing',
  defaultSize: 60,
  firstId: 1,
  hasDateModified: false,
  isLive: false,
  body: couponBody,
  list: {
    envelope: 'v2',
    idFilters: ['min_id', 'max_id', 'id'],
    filters: {
      code: textEquals((r) => core(r).code),
      name: textEquals((r) => core(r).name),
      type: oneOf(COUPON_TYPES, (r) => core(r).type),
      exclude_type: oneOf(COUPON_TYPES, (r) => core(r).type, true),
    },
  },
  hasSingle: true,
});
