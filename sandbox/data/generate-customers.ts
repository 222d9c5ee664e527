import { isoZ } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { customerCore } from './cores.js';
import { PLACES, STREETS } from './words.js';

const CUSTOMERS_TAG = streamTag('customers');

const ATTRIBUTES = [
  { id: 1, values: ['Yes', 'No'] },
  { id: 2, values: ['Email', 'SMS', 'Phone'] },
  { id: 3, values: ['Gold', 'Silver', 'Bronze'] },
] as const;
const FORM_FIELDS = [
  { name: 'color', values: ['blue', 'green', 'red'] },
  { name: 'How did you hear about us?', values: ['Search', 'Friend', 'Instagram'] },
] as const;

/**
 * A v3 customer with every include present (`addresses`, `attributes`, `form_fields`,
 * `store_credit_amounts`); the route strips the ones the request did not ask for.
 */
export function customerBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const core = customerCore(ctx.seed, meta.id, meta.version);
  const rng = rngFor(ctx.seed, CUSTOMERS_TAG, meta.id, 0, 3);
  const addressCount = rng.pick([0, 1, 1, 1, 2, 3]);
  const addresses = [];
  for (let k = 0; k < addressCount; k++) {
    const place = k === 0 ? core.place : rng.pick(PLACES);
    addresses.push({
      id: meta.id * 4 + k,
      customer_id: meta.id,
      first_name: core.firstName,
      last_name: core.lastName,
      company: core.company,
      address1: k === 0 ? core.street : `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
      address2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : '',
      city: place.city,
      state_or_province: place.state,
      postal_code: place.zip,
      country: place.country,
      country_code: place.iso2,
      phone: core.phone,
      address_type: rng.chance(0.85) ? 'residential' : 'commercial',
      form_fields: [],
    });
  }
  const attributeCount = rng.int(0, 2);
  const attributes = [];
  for (let k = 0; k < attributeCount; k++) {
    const attribute = ATTRIBUTES[k] ?? ATTRIBUTES[0];
    const stamp = Math.min(meta.modifiedSec, meta.createdSec + rng.int(0, 30 * 86_400));
    attributes.push({
      id: meta.id * 3 + k,
      attribute_id: attribute.id,
      attribute_value: rng.pick(attribute.values),
      customer_id: meta.id,
      date_created: isoZ(stamp),
      date_modified: isoZ(stamp),
    });
  }
  const formFields = [];
  const formFieldCount = rng.int(0, 2);
  for (let k = 0; k < formFieldCount; k++) {
    const field = FORM_FIELDS[k] ?? FORM_FIELDS[0];
    formFields.push({ name: field.name, value: rng.pick(field.values), customer_id: meta.id });
  }
  return {
    id: meta.id,
    authentication: { force_password_reset: rng.chance(0.03) },
    company: core.company,
    customer_group_id: core.customerGroupId,
    email: core.email,
    first_name: core.firstName,
    last_name: core.lastName,
    notes: core.notes,
    phone: core.phone,
    registration_ip_address: rng.chance(0.5) ? `203.0.113.${rng.int(1, 254)}` : '',
    tax_exempt_category: rng.chance(0.05) ? 'G' : '',
    date_created: isoZ(meta.createdSec),
    date_modified: isoZ(meta.modifiedSec),
    accepts_product_review_abandoned_cart_emails: rng.chance(0.6),
    origin_channel_id: 1,
    channel_ids: rng.chance(0.9) ? [1] : null,
    address_count: addressCount,
    attribute_count: attributeCount,
    addresses,
    attributes,
    form_fields: formFields,
    store_credit_amounts: [{ amount: rng.chance(0.85) ? 0 : rng.money(5, 100) }],
  };
}
