import { describe, expect, it } from 'vitest';
import { compileNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import type { RawRecord } from './helpers.js';

/** The response examples of the official specs (`test/fixtures/spec-examples/`), one file per stream. */
const example = (stream: string) => readFixtureJson<RawRecord[]>('spec-examples', `${stream}.json`);

function normalizeAll(stream: string, records: RawRecord[]) {
  const schema = loadStreamSchema(stream);
  const unknown: string[] = [];
  const normalize = compileNormalizer(schema, stream, { onUnknownField: (path) => unknown.push(path) });
  const validate = compileValidator(schema);
  const normalized = records.map(normalize);
  const problems = normalized.map((record) => validate(record)).filter((problem) => problem !== null);
  return { normalized, problems, unknown };
}

describe('the specs’ response examples normalize to valid records with no unknown field', () => {
  it.each(['store', 'channels', 'currencies', 'tax_classes', 'shipping_zones', 'price_lists'])('%s', (stream) => {
    const records = example(stream);
    expect(records.length).toBeGreaterThan(0);
    const { problems, unknown } = normalizeAll(stream, records);
    expect({ problems, unknown }).toEqual({ problems: [], unknown: [] });
  });
});

describe('one type per field', () => {
  it('store: the hash is the key; `logo` is an object, the spec’s empty-array form included', () => {
    const [store] = example('store');
    const { normalized } = normalizeAll('store', [store!, { ...store, logo: [] }]);
    expect(normalized[0]).toMatchObject({ id: 'abc123', store_id: 4884484848484, logo: { url: expect.stringMatching(/^https:/) } });
    expect(normalized[1]!.logo).toEqual({});
  });

  it('tax classes: the spec’s string ids become the integer key; ISO dates with milliseconds and an offset become UTC seconds', () => {
    const { normalized } = normalizeAll('tax_classes', example('tax_classes'));
    expect(normalized[0]).toEqual({
      id: 1,
      name: 'Non-Taxable Products',
      created_at: '1973-01-20T21:34:57Z',
      updated_at: '1990-12-30T00:29:23Z',
    });
  });

  it('shipping zones: decimal strings and numbers alike are numbers; both handling-fee forms share one object', () => {
    const { normalized } = normalizeAll('shipping_zones', example('shipping_zones'));
    expect(normalized.map((z) => z.free_shipping)).toEqual([
      { enabled: false, minimum_sub_total: 0, exclude_fixed_shipping_products: false },
      { enabled: false, minimum_sub_total: 0, exclude_fixed_shipping_products: false },
      { enabled: false, minimum_sub_total: 0, exclude_fixed_shipping_products: true },
    ]);
    expect(normalized[2]!.handling_fees).toEqual({ display_separately: false, fixed_surcharge: 0 });
    const { normalized: percent } = normalizeAll('shipping_zones', [
      { id: 9, handling_fees: { percentage_surcharge: '5', display_separately: true } },
    ]);
    expect(percent[0]!.handling_fees).toEqual({ percentage_surcharge: 5, display_separately: true });
  });

  it('currencies: the exchange rate (float as string) is a number; last_updated in RFC 2822 or ISO is UTC seconds', () => {
    const [currency] = example('currencies');
    const { normalized } = normalizeAll('currencies', [currency!, { ...currency, last_updated: 'Tue, 12 Jun 2018 14:41:56 +0000' }]);
    expect(normalized.map((c) => [c.currency_exchange_rate, c.last_updated])).toEqual([
      [0.849, '2018-06-12T14:41:56Z'],
      [0.849, '2018-06-12T14:41:56Z'],
    ]);
  });

  it('channels: with include=currencies, the channel’s currencies object', () => {
    const { normalized } = normalizeAll('channels', example('channels'));
    expect(normalized.at(-1)!.currencies).toEqual({ channel_id: 667159, enabled_currencies: ['USD'], default_currency: 'USD' });
  });
});
