import type { JsonObject } from '../data/context.js';
import { intIn, textIn } from './filters.js';
import { defineDerived, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/** `form_fields` only with `include=formfields`. */
function renderFormFields(body: JsonObject, query: URLSearchParams): JsonObject {
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()));
  if (include.has('formfields')) return body;
  const { form_fields: _formFields, ...rest } = body;
  return rest;
}

/**
 * `GET /v3/customers/addresses` (customers.v3.yml): every customer's addresses, the same objects the customers'
 * `include=addresses` shows. `id:in`, `customer_id:in`, `company:in`, `name:in` (first and last name),
 * `include=formfields`; no id range and no sort (id ascending); a 422 for any other parameter.
 */
export const customerAddresses = defineDerived({
  stream: 'customer_addresses',
  resource: 'customers',
  parent: 'customers',
  hasDateModified: false,
  children: (customer) => (customer.body().addresses as JsonObject[]).map((address) => ({ id: address.id as number, body: address })),
  list: {
    envelope: 'v3',
    idFilters: ['id:in'],
    strict: { ignored: [] },
    filters: {
      'customer_id:in': intIn((r) => Number(r.body().customer_id)),
      'company:in': textIn(text('company')),
      'name:in': textIn((r) => `${text('first_name')(r)} ${text('last_name')(r)}`),
    },
    render: { params: ['include'], render: renderFormFields },
  },
});
