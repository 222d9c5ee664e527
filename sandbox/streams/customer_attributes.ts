import { customerAttributeBody } from '../data/generate-customer-attributes.js';
import { textEquals, textLike } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/**
 * `GET /v3/customers/attributes` (customers.v3.yml): `name`, `name:like`, `type`, date_created/date_modified
 * (exact, `:min`, `:max`); no id filter, no sort (id ascending), and a 422 for any other parameter.
 */
export const customerAttributes = defineCollection({
  stream: 'customer_attributes',
  resource: 'customers',
  defaultSize: 5,
  firstId: 1,
  hasSequentialIds: true,
  hasDateModified: true,
  isLive: false,
  body: customerAttributeBody,
  list: {
    envelope: 'v3',
    idFilters: [],
    dateFilters: [
      { field: 'date_created', min: 'date_created:min', max: 'date_created:max', eq: 'date_created' },
      { field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' },
    ],
    strict: { ignored: [] },
    filters: { name: textEquals(text('name')), 'name:like': textLike(text('name')), type: textEquals(text('type')) },
  },
});
