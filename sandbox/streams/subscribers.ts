import { subscriberBody } from '../data/generate-subscribers.js';
import { intEquals, textEquals } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/**
 * `GET /v3/customers/subscribers` (subscribers.v3.yml): `email`, `first_name`, `last_name`, `source`,
 * `order_id`, `id`, `id:in`, date_created/date_modified (exact, `:min`, `:max`). No sort, no cursor, no id
 * range, and no documented order: records come in a scrambled order. Live changes apply (subscribers change).
 */
export const subscribers = defineCollection({
  stream: 'subscribers',
  resource: 'customers',
  defaultSize: 300,
  firstId: 1,
  hasDateModified: true,
  isLive: true,
  body: subscriberBody,
  list: {
    envelope: 'v3',
    idFilters: ['id', 'id:in'],
    dateFilters: [
      { field: 'date_created', min: 'date_created:min', max: 'date_created:max', eq: 'date_created' },
      { field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' },
    ],
    strict: { ignored: [] },
    isUnordered: true,
    filters: {
      email: textEquals(text('email')),
      first_name: textEquals(text('first_name')),
      last_name: textEquals(text('last_name')),
      source: textEquals(text('source')),
      order_id: intEquals((r) => Number(r.body().order_id ?? 0)),
    },
  },
  hasSingle: true,
});
