/** A field whose values keep more than one JSON type after normalization (listed in the README). */
export interface UnavoidableUnion {
  readonly stream: string;
  readonly field: string;
  readonly types: readonly string[];
  readonly why: string;
}

export const UNAVOIDABLE_UNIONS: readonly UnavoidableUnion[] = [
  {
    stream: 'customers',
    field: 'form_fields[].value',
    types: ['string', 'number', 'array', 'null'],
    why: 'A customer form field holds text, a number or a list of chosen options (array of string), by field type.',
  },
  {
    stream: 'customers',
    field: 'addresses[].form_fields[].value',
    types: ['string', 'number', 'array', 'null'],
    why: 'Address form fields have the same value types as customer form fields.',
  },
  {
    stream: 'customer_addresses',
    field: 'form_fields[].value',
    types: ['string', 'number', 'array', 'null'],
    why: 'Address form fields have the same value types as customer form fields.',
  },
  {
    stream: 'promotions',
    field: 'rules[].action.shipping.zone_ids',
    types: ['string', 'array', 'null'],
    why: 'Free shipping applies to every zone (`"*"`) or to a list of shipping zone ids.',
  },
  {
    stream: 'orders',
    field: 'billing_address.form_fields[].value',
    types: ['string', 'number', 'array', 'null'],
    why: 'Checkout form fields: text, a number or chosen options, like customer form fields.',
  },
  {
    stream: 'orders',
    field: 'shipping_addresses[].form_fields[].value',
    types: ['string', 'number', 'array', 'null'],
    why: 'Shipping address form fields: the same value types as billing address form fields.',
  },
];
