import { describe, expect, it } from 'vitest';
import { compileCheckedNormalizer } from '../../src/normalize/compile-normalizer.js';
import { compileValidator, dateTimeFormat } from '../../src/normalize/compile-validator.js';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { deselectInSchema } from '../../src/normalize/nested-deselection.js';
import type { JsonSchema } from '../../src/normalize/types.js';
import { type RawRecord, rawOrdersWithSubResources, readFixture } from './helpers.js';

const SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    price: { type: ['number', 'null'] },
    when: { type: ['string', 'null'], format: 'date-time' },
    flag: { type: ['boolean', 'null'] },
    tags: { type: ['array', 'null'], items: { type: ['string', 'null'] } },
    nested: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, n: { type: 'integer' } } },
  },
};

function checked(schema: JsonSchema = SCHEMA, knownSchema?: JsonSchema) {
  const unknown: string[] = [];
  const normalizer = compileCheckedNormalizer(schema, 't', {
    isDateTime: dateTimeFormat(),
    onUnknownField: (path) => unknown.push(path),
    ...(knownSchema ? { knownSchema } : {}),
  });
  return { ...normalizer, unknown };
}

describe('compileCheckedNormalizer: type checks in the normalizing pass', () => {
  it('vouches for a record whose every value has an allowed type', () => {
    const { normalize, isLastValid } = checked();
    const record = normalize({
      id: 1,
      price: '1.50',
      when: 'Tue, 20 Nov 2012 00:00:00 +0000',
      flag: null,
      tags: ['a', null],
      nested: { at: '2024-05-01T10:00:00Z', n: '3' },
    });
    expect(record).toEqual({
      id: 1,
      price: 1.5,
      when: '2012-11-20T00:00:00Z',
      flag: null,
      tags: ['a', null],
      nested: { at: '2024-05-01T10:00:00Z', n: 3 },
    });
    expect(isLastValid()).toBe(true);
    expect(compileValidator(SCHEMA)(record)).toBeNull();
  });

  it.each([
    ['an integer that is not one', { id: 1.5 }],
    ['text where a number belongs', { id: 1, price: 'ten' }],
    ['a date the calendar lacks (30 February)', { id: 1, when: 'Thu, 30 Feb 2023 10:00:00 +0000' }],
    ['a date that is no date', { id: 1, when: 'soon' }],
    ['a boolean as text', { id: 1, flag: 'true' }],
    ['a wrong array item', { id: 1, tags: ['a', true] }],
    ['a wrong nested value', { id: 1, nested: { at: '2024-05-01T10:00:00Z', n: 'x' } }],
    ['an object where a list belongs', { id: 1, tags: { a: 1 } }],
  ])('does not vouch for %s, and ajv names the problem', (_label, raw) => {
    const { normalize, isLastValid } = checked();
    const record = normalize(raw as RawRecord);
    expect(isLastValid()).toBe(false);
    expect(compileValidator(SCHEMA)(record)).not.toBeNull();
  });

  it('a valid record after an invalid one is vouched for again', () => {
    const { normalize, isLastValid } = checked();
    normalize({ id: 'x' });
    expect(isLastValid()).toBe(false);
    normalize({ id: 2 });
    expect(isLastValid()).toBe(true);
  });

  it('never vouches when the schema uses a keyword the checks do not know', () => {
    const { normalize, isLastValid } = checked({ type: 'object', properties: { status: { type: 'string', enum: ['a', 'b'] } } });
    normalize({ status: 'a' });
    expect(isLastValid()).toBe(false);
  });

  it.each([
    ['orders', () => rawOrdersWithSubResources()],
    ['products', () => readFixture<RawRecord[]>('products')],
  ])('vouches only for what ajv accepts: every %s fixture, each leaf replaced by values of other types', (stream, records) => {
    const schema = loadStreamSchema(stream);
    const { normalize, isLastValid } = compileCheckedNormalizer(schema, stream, { isDateTime: dateTimeFormat() });
    const validate = compileValidator(schema);
    const replacements: unknown[] = [
      'x',
      '',
      '1.5',
      7,
      2.5,
      true,
      null,
      {},
      [],
      [1],
      'Thu, 30 Feb 2023 10:00:00 +0000',
      '2024-05-01T10:00:00Z',
    ];
    let vouched = 0;
    let refused = 0;
    for (const record of records()) {
      for (const [path, mutated] of mutations(record, replacements)) {
        const record = normalize(mutated);
        if (isLastValid()) {
          vouched++;
          expect([path, validate(record)]).toEqual([path, null]);
        } else refused++;
      }
    }
    expect(vouched).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe('compileCheckedNormalizer: selection', () => {
  it('emits the selected fields only, drops the deselected ones without a report, still reports unknown ones', () => {
    const selected = deselectInSchema(
      { ...SCHEMA, properties: Object.fromEntries(Object.entries(SCHEMA.properties as object).filter(([k]) => k !== 'flag')) },
      { nested: { n: null } },
    );
    const { normalize, unknown, isLastValid } = checked(selected, SCHEMA);
    expect(normalize({ id: 1, flag: 'not even a boolean', nested: { at: '2024-05-01T10:00:00Z', n: 'x', extra: 1 }, other: 2 })).toEqual({
      id: 1,
      nested: { at: '2024-05-01T10:00:00Z' },
    });
    expect(unknown).toEqual(['t.nested.extra', 't.other']);
    expect(isLastValid()).toBe(true);
  });
});

/** The record with one leaf (a scalar, an empty list or object) replaced, for every leaf and replacement. */
function* mutations(record: RawRecord, replacements: readonly unknown[]): Generator<[string, RawRecord]> {
  const leaves: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    } else leaves.push(path);
  };
  walk(record, []);
  for (const path of leaves) {
    for (const replacement of replacements) {
      const copy = structuredClone(record) as Record<string, unknown>;
      let parent = copy as Record<string, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      parent[path[path.length - 1]!] = replacement;
      yield [path.join('.'), copy];
    }
  }
}
