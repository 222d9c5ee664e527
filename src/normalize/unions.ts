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
];
