import { customerGroupBody } from '../data/generate-customer-groups.js';
import { booleanEquals, textEquals, textLike } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const field = (name: string) => (record: RecordView) => record.body()[name];

/**
 * `GET /v2/customer_groups` (customers.v2.yml): `name`, `name:like`, `is_default`, `is_group_for_guests` and
 * date_created/date_modified filters (exact, `:min`, `:max`); no id filter and no sort (id ascending); `/count`.
 */
export const customerGroups = defineCollection({
  stream: 'customer_groups',
  resource: 'customers',
  defaultSize: 4,
  firstId: 1,
  hasSequentialIds: true,
  hasDateModified: true,
  isLive: false,
  body: customerGroupBody,
  list: {
    envelope: 'v2',
    idFilters: [],
    dateFilters: [
      { field: 'date_created', min: 'date_created:min', max: 'date_created:max', eq: 'date_created' },
      { field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' },
    ],
    filters: {
      name: textEquals((r) => String(field('name')(r))),
      'name:like': textLike((r) => String(field('name')(r))),
      is_default: booleanEquals((r) => field('is_default')(r) === true),
      is_group_for_guests: booleanEquals((r) => field('is_group_for_guests')(r) === true),
    },
  },
  hasSingle: true,
});
