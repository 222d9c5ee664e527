import { giftCertificatesOfOrder } from '../data/generate-gift-certificates.js';
import { intEquals, textEquals } from './filters.js';
import { defineDerived, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/**
 * `GET /v2/gift_certificates` (marketing.v2.yml): the certificates the store's orders sold (see
 * `giftCertificatesOfOrder`); `min_id`/`max_id`, `code`, `order_id`, `to_name`, `to_email`, `from_name`,
 * `from_email`, `sort=id` with `direction`; id ascending by default; a bare array, 204 when empty.
 */
export const giftCertificates = defineDerived({
  stream: 'gift_certificates',
  resource: 'marketing',
  parent: 'orders',
  hasDateModified: false,
  children: (order) => giftCertificatesOfOrder(order.ctx, order.meta).map((body) => ({ id: body.id as number, body })),
  list: {
    envelope: 'v2',
    idFilters: ['min_id', 'max_id'],
    sort: { style: 'direction', fields: { id: 'id' } },
    filters: {
      code: textEquals(text('code')),
      order_id: intEquals((r) => Number(r.body().order_id)),
      to_name: textEquals(text('to_name')),
      to_email: textEquals(text('to_email')),
      from_name: textEquals(text('from_name')),
      from_email: textEquals(text('from_email')),
    },
  },
  hasSingle: true,
});
