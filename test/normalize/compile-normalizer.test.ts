import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import type { JsonSchema } from '../../src/normalize/types.js';
import { type RawRecord, readFixture, readReferenceExample } from './helpers.js';

function normalizerFor(stream: string, schema: JsonSchema = loadStreamSchema(stream)) {
  const unknown: string[] = [];
  const normalize = compileNormalizer(schema, stream, { onUnknownField: (path) => unknown.push(path) });
  return { normalize, unknown };
}

describe('compileNormalizer: orders', () => {
  const rawOrder: RawRecord = {
    id: 1002,
    customer_id: 0,
    date_created: 'Sat, 27 Apr 2024 22:10:05 +0000',
    date_modified: 'Thu, 02 May 2024 08:30:45 +0000',
    date_shipped: '',
    subtotal_ex_tax: '924.47',
    subtotal_tax: '0',
    total_inc_tax: '70.2300',
    currency_exchange_rate: '0.7912345678',
    payment_provider_id: 3,
    credit_card_type: null,
    ebay_order_id: '0',
    is_deleted: false,
    fees: { url: 'https://api.bigcommerce.com/stores/abc123/v2/orders/1002/fees', resource: '/orders/1002/fees' },
    billing_address: { zip: '97201', form_fields: [{ name: 'Gift note', value: 'Hi' }], fax: '' },
    products: [
      {
        id: 2003,
        base_price: '55.9900',
        weight: 2,
        base_wrapping_cost: 0,
        event_date: '',
        option_set_id: null,
        applied_discounts: [{ id: 'manual-discount', amount: '1.5900', code: null, target: 'order' }],
        product_options: [{ id: 45, value: '69', legacy_flag: true }],
        configurable_fields: [],
      },
      { id: 2004, base_price: '7.95', weight: '1.5000', applied_discounts: [], product_options: [{ legacy_flag: 1 }] },
    ],
    shipping_addresses: [
      {
        id: 902,
        base_cost: '5.0000',
        shipping_zone_id: 1,
        shipping_quotes: { url: 'https://api.bigcommerce.com/x', resource: '/orders/1002/shippingaddresses/902/shippingquotes' },
        form_fields: [],
      },
    ],
    coupons: [
      { id: 41, amount: '10.0000', type: 5, discount: 10 },
      { id: 42, amount: 5, type: 2, discount: 5 },
    ],
  };

  it('normalizes dates, decimals, "" and nested sub-resource lists exactly', () => {
    const { normalize, unknown } = normalizerFor('orders');
    expect(normalize(rawOrder)).toEqual({
      id: 1002,
      customer_id: 0,
      date_created: '2024-04-27T22:10:05Z',
      date_modified: '2024-05-02T08:30:45Z',
      date_shipped: null,
      // A link object where the schema wants the list: the engine replaces it before normalizing (never followed).
      fees: { url: 'https://api.bigcommerce.com/stores/abc123/v2/orders/1002/fees', resource: '/orders/1002/fees' },
      subtotal_ex_tax: 924.47,
      subtotal_tax: 0,
      total_inc_tax: 70.23,
      currency_exchange_rate: 0.7912345678,
      payment_provider_id: '3',
      credit_card_type: null,
      ebay_order_id: '0',
      is_deleted: false,
      billing_address: { zip: '97201', form_fields: [{ name: 'Gift note', value: 'Hi' }] },
      products: [
        {
          id: 2003,
          base_price: 55.99,
          weight: 2,
          base_wrapping_cost: 0,
          event_date: null,
          option_set_id: null,
          applied_discounts: [{ id: 'manual-discount', amount: 1.59, code: null, target: 'order' }],
          product_options: [{ id: 45, value: '69' }],
          configurable_fields: [],
        },
        { id: 2004, base_price: 7.95, weight: 1.5, applied_discounts: [], product_options: [{}] },
      ],
      shipping_addresses: [{ id: 902, base_cost: 5, shipping_zone_id: 1, form_fields: [] }],
      coupons: [
        { id: 41, amount: 10, type: 5, discount: 10 },
        { id: 42, amount: 5, type: 2, discount: 5 },
      ],
    });
    expect([...unknown].sort()).toEqual(['orders.billing_address.fax', 'orders.products[].product_options[].legacy_flag']);
  });

  it('reports each dropped field once per normalizer, however many records carry it', () => {
    const { normalize, unknown } = normalizerFor('orders');
    for (let i = 0; i < 5; i++) normalize(rawOrder);
    expect(unknown).toHaveLength(2);
  });

  it('leaves values it cannot normalize for validation to report', () => {
    const { normalize } = normalizerFor('orders');
    expect(
      normalize({ id: '7', date_modified: '', date_created: 'yesterday', total_tax: 'n/a', subtotal_tax: ' ', items_total: true }),
    ).toEqual({ id: 7, date_modified: '', date_created: 'yesterday', total_tax: 'n/a', subtotal_tax: ' ', items_total: true });
    expect(normalize({ id: 1, total_tax: '0x1F', products: { url: 'u', resource: 'r' } })).toEqual({
      id: 1,
      total_tax: '0x1F',
      products: { url: 'u', resource: 'r' },
    });
  });

  it('turns the PHP empty value for a nullable scalar into null (credit_card_type {})', () => {
    const { normalize } = normalizerFor('orders');
    expect(normalize({ id: 1, credit_card_type: {}, date_shipped: [] })).toEqual({ id: 1, credit_card_type: null, date_shipped: null });
  });

  it('normalizes the reference order example', () => {
    const { normalize, unknown } = normalizerFor('orders');
    const order = normalize({ ...readReferenceExample<RawRecord>('order'), products: [], shipping_addresses: [], coupons: [] });
    expect(order).toMatchObject({
      date_created: '2019-03-05T21:40:11Z',
      date_modified: '2019-03-11T15:17:25Z',
      date_shipped: null,
      subtotal_ex_tax: 62.6793,
      handling_cost_tax: 0,
      currency_exchange_rate: 1,
      payment_provider_id: '',
      credit_card_type: null,
      external_source: null,
    });
    expect(unknown).toEqual([]);
  });
});

describe('compileNormalizer: coupons', () => {
  it('normalizes a promotion coupon: [] -> {}, "" expires -> null, decimal strings -> numbers', () => {
    const { normalize, unknown } = normalizerFor('coupons');
    const promotion = readFixture<RawRecord[]>('coupons').find((coupon) => coupon['type'] === 'promotion');
    expect(normalize(promotion as RawRecord)).toEqual({
      id: 12,
      name: 'Spring promotion',
      type: 'promotion',
      amount: 0,
      min_purchase: 0,
      expires: null,
      enabled: true,
      code: 'SPRING-24',
      applies_to: {},
      num_uses: 0,
      max_uses: 0,
      max_uses_per_customer: 0,
      restricted_to: {},
      shipping_methods: null,
      date_created: '2024-03-18T14:02:41Z',
    });
    expect(unknown).toEqual([]);
  });

  it('keeps a filled restricted_to and an RFC 2822 expiry', () => {
    const { normalize } = normalizerFor('coupons');
    expect(normalize({ id: 2, restricted_to: { countries: 'AU' }, expires: 'Fri, 31 Dec 2027 23:59:59 +0000', amount: '5.0000' })).toEqual({
      id: 2,
      restricted_to: { countries: 'AU' },
      expires: '2027-12-31T23:59:59Z',
      amount: 5,
    });
  });
});

describe('compileNormalizer: customers', () => {
  it('normalizes a customer with every include exactly', () => {
    const { normalize, unknown } = normalizerFor('customers');
    const raw = readFixture<RawRecord[]>('customers').find((customer) => customer['id'] === 102) as RawRecord;
    const customer = normalize({ ...raw, date_created: '2022-11-30T23:59:59.000+00:00', trigger_account_created_notification: false });
    expect(customer).toEqual({
      ...raw,
      date_created: '2022-11-30T23:59:59Z',
    });
    expect(customer['form_fields']).toEqual([
      { name: 'Employees', value: 45, customer_id: 102 },
      { name: 'Interests', value: ['Linen', 'Glassware'], customer_id: 102 },
      { name: 'VAT number', value: 'GB123456789', customer_id: 102 },
    ]);
    expect(unknown).toEqual(['customers.trigger_account_created_notification']);
  });
});

describe('compileNormalizer: products', () => {
  it('normalizes a product with every include exactly', () => {
    const { normalize, unknown } = normalizerFor('products');
    const raw = readReferenceExample<RawRecord>('product');
    const product = normalize({
      ...raw,
      date_modified: '2018-09-05T16:42:07-04:00',
      bulk_pricing_rules: [{ id: 1, quantity_min: 10, quantity_max: 50, type: 'price', amount: '1.5000' }],
      custom_url: [],
    });
    expect(product).toEqual({
      ...raw,
      date_created: '2018-08-15T14:48:46Z',
      date_modified: '2018-09-05T20:42:07Z',
      bulk_pricing_rules: [{ id: 1, quantity_min: 10, quantity_max: 50, type: 'price', amount: 1.5 }],
      custom_url: {},
      images: [{ ...(raw['images'] as RawRecord[])[0], date_modified: '2018-08-15T14:48:31Z' }],
      primary_image: { ...(raw['primary_image'] as RawRecord), date_modified: '2018-08-15T14:48:31Z' },
    });
    expect(unknown).toEqual([]);
  });

  it('passes null through for nullable arrays, numbers and dates, and leaves a null object out (singer-check-tap)', () => {
    const { normalize } = normalizerFor('products');
    expect(normalize({ id: 1, primary_image: null, option_set_id: null, date_last_imported: null, variants: null })).toEqual({
      id: 1,
      option_set_id: null,
      date_last_imported: null,
      variants: null,
    });
  });
});

describe('compileNormalizer: schema-driven rules', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      price: { type: 'number' },
      maybe_price: { type: ['number', 'null'] },
      when: { type: 'string', format: 'date-time' },
      list: { type: 'array', items: { type: 'integer' } },
      nested: { type: 'object', properties: { at: { type: ['string', 'null'], format: 'date-time' } } },
    },
  };

  it('keeps "" for non-nullable numbers and dates, nulls it for nullable ones', () => {
    const { normalize } = normalizerFor('t', schema);
    expect(normalize({ price: '', maybe_price: '', when: '' })).toEqual({ price: '', maybe_price: null, when: '' });
  });

  it('converts integer strings inside arrays and dates inside nested objects', () => {
    const { normalize, unknown } = normalizerFor('t', schema);
    expect(normalize({ list: ['1', 2, '-3'], nested: { at: 'Tue, 20 Nov 2012 00:00:00 +0000', x: 1 } })).toEqual({
      list: [1, 2, -3],
      nested: { at: '2012-11-20T00:00:00Z' },
    });
    expect(unknown).toEqual(['t.nested.x']);
  });

  it('emits properties in schema order, whatever order the API used', () => {
    const { normalize } = normalizerFor('t', schema);
    expect(Object.keys(normalize({ when: '', list: [], price: 1 }))).toEqual(['price', 'when', 'list']);
  });

  it('reads only own properties, never ones inherited from Object.prototype', () => {
    const withInheritedName: JsonSchema = { type: 'object', properties: { constructor: { type: 'string' }, id: {} } };
    const { normalize } = normalizerFor('t', withInheritedName);
    expect(normalize({ id: 1 })).toEqual({ id: 1 });
    expect(Object.keys(normalize({ id: 1 }))).toEqual(['id']);
    expect(normalize({ id: 1, constructor: 'x' })).toEqual({ constructor: 'x', id: 1 });
  });

  it('does not mutate the raw record', () => {
    const { normalize } = normalizerFor('t', schema);
    const raw = { price: '1.0000', nested: { at: '' } };
    normalize(raw);
    expect(raw).toEqual({ price: '1.0000', nested: { at: '' } });
  });
});

describe('zero dates', () => {
  it('turns a MySQL zero date into null where the schema allows null', async () => {
    const { compileNormalizer } = await import('../../src/normalize/compile-normalizer.js');
    const normalize = compileNormalizer(
      {
        type: 'object',
        properties: { shipped: { type: ['string', 'null'], format: 'date-time' }, at: { type: 'string', format: 'date-time' } },
      },
      't',
    );
    expect(normalize({ shipped: '0000-00-00 00:00:00', at: '2024-05-01 10:00:00' })).toEqual({ shipped: null, at: '2024-05-01T10:00:00Z' });
  });

  it('turns a zero Unix time into null where the schema allows null, and reads other Unix seconds', async () => {
    const { compileNormalizer } = await import('../../src/normalize/compile-normalizer.js');
    const date = { type: ['string', 'null'], format: 'date-time' };
    const normalize = compileNormalizer({ type: 'object', properties: { expiry_date: date, purchase_date: date } }, 't');
    expect(normalize({ expiry_date: '0', purchase_date: '1672670738' })).toEqual({
      expiry_date: null,
      purchase_date: '2023-01-02T14:45:38Z',
    });
  });
});

describe('objects without a property list', () => {
  it('keep any object as it came (nested and/or/not matchers), and are left out when null', async () => {
    const { compileNormalizer } = await import('../../src/normalize/compile-normalizer.js');
    const unknown: string[] = [];
    const normalize = compileNormalizer(
      { type: 'object', properties: { items: { type: ['object', 'null'] }, amount: { type: ['number', 'null'] } } },
      't',
      { onUnknownField: (path) => unknown.push(path) },
    );
    const items = { or: [{ brands: [36] }, { not: { categories: [18, 19] } }], product_option: { name: 'Color', values: ['Red'] } };
    expect(normalize({ items, amount: '5.00' })).toEqual({ items, amount: 5 });
    expect(normalize({ items: null, amount: null })).toEqual({ amount: null });
    expect(unknown).toEqual([]);
  });
});
