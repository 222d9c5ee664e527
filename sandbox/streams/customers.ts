import type { JsonObject } from '../data/context.js';
import { customerCore } from '../data/cores.js';
import { customerBody } from '../data/generate-customers.js';
import { intIn, textIn, textLike } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const core = (record: RecordView) => customerCore(record.ctx.seed, record.meta.id, record.meta.version);
const text = (field: string) => (record: RecordView) => String(record.body()[field] ?? '');
const fullName = (record: RecordView) => `${core(record).firstName} ${core(record).lastName}`;

/** Strips the sub-resources the request did not `include`. */
function renderIncludes(body: JsonObject, query: URLSearchParams): JsonObject {
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()));
  const { addresses, attributes, form_fields: formFields, store_credit_amounts: storeCredit, ...rest } = body;
  const out: JsonObject = { ...rest };
  if (include.has('addresses')) out.addresses = addresses;
  if (include.has('attributes')) out.attributes = attributes;
  if (include.has('formfields')) out.form_fields = formFields;
  if (include.has('storecredit')) out.store_credit_amounts = storeCredit;
  if (include.has('shopper_profile_id')) out.shopper_profile_id = '';
  if (include.has('segment_ids')) out.segment_ids = [];
  return out;
}

/**
 * `GET /v3/customers` (customers.v3.yml): `id:in` but no id range, date_created/date_modified filters,
 * `sort=field:asc`, cursor pagination (`after`/`before`), includes, and a 422 for any other parameter.
 */
export const customers = defineCollection({
  stream: 'customers',
  resource: 'customers',
  defaultSize: 300,
  firstId: 1,
  hasDateModified: true,
  isLive: true,
  body: customerBody,
  list: {
    envelope: 'v3',
    idFilters: ['id:in'],
    dateFilters: [
      { field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' },
      { field: 'date_created', min: 'date_created:min', max: 'date_created:max', eq: 'date_created' },
    ],
    sort: { style: 'colon', fields: { date_created: 'date_created', last_name: (r) => core(r).lastName, date_modified: 'date_modified' } },
    hasCursor: true,
    strict: { ignored: [] },
    filters: {
      'company:in': textIn(text('company')),
      'customer_group_id:in': intIn((r) => core(r).customerGroupId),
      'email:in': textIn((r) => core(r).email),
      'name:in': textIn(fullName),
      'name:like': textLike(fullName),
      'phone:in': textIn(text('phone')),
      'registration_ip_address:in': textIn(text('registration_ip_address')),
    },
    render: { params: ['include'], render: renderIncludes },
  },
});
