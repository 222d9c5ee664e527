import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { compileMapPlan, type MapSettings } from '../../src/maps/map-plan.js';
import { createMapTransform, transformingSink } from '../../src/maps/map-transform.js';
import { MapExpressionError, type SourceStream } from '../../src/maps/stream-map-compiler.js';
import type { TapEvent } from '../../src/sync/events.js';

const customers: SourceStream = {
  name: 'customers',
  keyProperties: ['id'],
  deselected: ['notes'],
  schema: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      email: { type: ['string', 'null'] },
      first_name: { type: ['string', 'null'] },
      date_modified: { type: 'string', format: 'date-time' },
      _sdc_deleted_at: { type: ['string', 'null'], format: 'date-time' },
    },
  },
};
const coupons: SourceStream = {
  name: 'coupons',
  keyProperties: ['id'],
  deselected: [],
  schema: { type: 'object', properties: { id: { type: 'integer' }, code: { type: 'string' } } },
};
const STREAM_NAMES = ['coupons', 'customers', 'orders', 'products'];

const plan = (settings: MapSettings) => compileMapPlan(settings, [customers, coupons], STREAM_NAMES);
const transform = (settings: MapSettings) => createMapTransform(plan(settings));
const problems = (settings: MapSettings): string => {
  try {
    plan(settings);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

const ada = { id: 7, email: 'ada@example.com', first_name: 'Ada', date_modified: '2024-05-01T10:00:00Z', _sdc_deleted_at: null };
const bob = { id: 8, email: 'bob@example.org', first_name: 'Bob', date_modified: '2024-05-01T11:00:00Z', _sdc_deleted_at: null };
const recordOf = (stream: string, record: Record<string, unknown>, version?: number): TapEvent => ({
  type: 'record',
  stream,
  record,
  timeExtracted: '2024-05-02T00:00:00.000Z',
  ...(version === undefined ? {} : { version }),
});
const schemaOf = (source: SourceStream, bookmark: string[] = []): TapEvent => ({
  type: 'schema',
  stream: source.name,
  schema: source.schema,
  keyProperties: source.keyProperties,
  bookmarkProperties: bookmark,
});

describe('stream maps: streams', () => {
  it('without maps, every stream passes unchanged', () => {
    const t = transform({ streamMaps: {} });
    expect(t(recordOf('customers', ada))).toEqual([recordOf('customers', ada)]);
  });

  it('drops a stream mapped to null or "__NULL__"; STATE passes untouched', () => {
    for (const drop of [null, '__NULL__']) {
      const t = transform({ streamMaps: { coupons: drop } });
      expect(t(recordOf('coupons', { id: 1, code: 'X' }))).toEqual([]);
      expect(t(schemaOf(coupons))).toEqual([]);
      expect(t({ type: 'activate_version', stream: 'coupons', version: 5 })).toEqual([]);
      expect(t(recordOf('customers', ada))).toHaveLength(1);
      const state: TapEvent = { type: 'state', value: { bookmarks: { coupons: { last_id: 3 } } } };
      expect(t(state)).toEqual([state]);
    }
  });

  it('top-level "__else__": null drops every stream not named', () => {
    const t = transform({ streamMaps: { customers: {}, __else__: null } });
    expect(t(recordOf('coupons', { id: 1, code: 'X' }))).toEqual([]);
    expect(t(recordOf('customers', ada))).toEqual([recordOf('customers', ada)]);
  });

  it('__alias__ renames the stream: SCHEMA, RECORD and ACTIVATE_VERSION carry the new name; STATE keeps the source name', () => {
    const t = transform({ streamMaps: { customers: { __alias__: 'people' } } });
    expect(t(schemaOf(customers, ['date_modified']))).toEqual([
      { type: 'schema', stream: 'people', schema: customers.schema, keyProperties: ['id'], bookmarkProperties: ['date_modified'] },
    ]);
    expect(t(recordOf('customers', ada, 99))).toEqual([recordOf('people', ada, 99)]);
    expect(t({ type: 'activate_version', stream: 'customers', version: 99 })).toEqual([
      { type: 'activate_version', stream: 'people', version: 99 },
    ]);
    const state: TapEvent = { type: 'state', value: { bookmarks: { customers: { replication_key_value: '2024-05-01T10:00:00Z' } } } };
    expect(t(state)).toEqual([state]);
  });

  it('__source__ duplicates a stream (the original still written): each output gets its own ACTIVATE_VERSION', () => {
    const t = transform({
      streamMaps: { customers_pii: { __source__: 'customers', email: 'email', __else__: null }, customers: { email: null } },
    });
    expect(t(recordOf('customers', ada)).map((e) => e.type === 'record' && [e.stream, e.record])).toEqual([
      ['customers', { id: 7, first_name: 'Ada', date_modified: '2024-05-01T10:00:00Z', _sdc_deleted_at: null }],
      ['customers_pii', { id: 7, _sdc_deleted_at: null, email: 'ada@example.com' }],
    ]);
    expect(t({ type: 'activate_version', stream: 'customers', version: 5 })).toEqual([
      { type: 'activate_version', stream: 'customers', version: 5 },
      { type: 'activate_version', stream: 'customers_pii', version: 5 },
    ]);
    expect(t({ type: 'stream_status', stream: 'customers', status: 'COMPLETE' }).map((e) => 'stream' in e && e.stream)).toEqual([
      'customers',
      'customers_pii',
    ]);
  });

  it('__filter__ keeps the records for which the expression is true (Python truthiness)', () => {
    const t = transform({ streamMaps: { customers: { __filter__: "first_name == 'Ada' or email == None" } } });
    expect(t(recordOf('customers', ada))).toEqual([recordOf('customers', ada)]);
    expect(t(recordOf('customers', bob))).toEqual([]);
    expect(t(recordOf('customers', { ...bob, email: null }))).toHaveLength(1);
    const truthy = transform({ streamMaps: { customers: { __filter__: 'first_name' } } });
    expect(truthy(recordOf('customers', { ...bob, first_name: '' }))).toEqual([]);
    expect(truthy(recordOf('customers', bob))).toHaveLength(1);
  });
});

describe('stream maps: properties', () => {
  it('removes a property from SCHEMA and RECORD', () => {
    const t = transform({ streamMaps: { customers: { email: null, first_name: '__NULL__' } } });
    const [schema] = t(schemaOf(customers));
    expect(Object.keys((schema as unknown as { schema: { properties: object } }).schema.properties)).toEqual([
      'id',
      'date_modified',
      '_sdc_deleted_at',
    ]);
    expect(t(recordOf('customers', ada))).toEqual([
      recordOf('customers', { id: 7, date_modified: '2024-05-01T10:00:00Z', _sdc_deleted_at: null }),
    ]);
  });

  it('hashes a property in place (string type) and adds new ones after the existing ones', () => {
    const t = transform({
      streamMaps: { customers: { email: 'md5(config["seed"] + email)', email_sha: 'sha256(email)', is_ada: "first_name == 'Ada'" } },
      streamMapConfig: { seed: 'seed:' },
    });
    const [schema] = t(schemaOf(customers));
    expect((schema as unknown as { schema: { properties: Record<string, unknown> } }).schema.properties).toEqual({
      ...(customers.schema.properties as object),
      email: { type: ['string', 'null'] },
      email_sha: { type: ['string', 'null'] },
      is_ada: { type: ['boolean', 'null'] },
    });
    expect(t(recordOf('customers', ada))).toEqual([
      recordOf('customers', {
        ...ada,
        email: '110abd62c4979c8aa64386a26f963bae',
        email_sha: 'b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72',
        is_ada: true,
      }),
    ]);
  });

  it('"__else__": null keeps only the key and the properties named; __key_properties__ replaces the key', () => {
    const t = transform({
      streamMaps: {
        customers: { __else__: null, first_name: 'first_name' },
        coupons: { id: null, code_hash: 'md5(code)', __key_properties__: ['code_hash'] },
      },
    });
    expect(t(recordOf('customers', ada))).toEqual([recordOf('customers', { id: 7, _sdc_deleted_at: null, first_name: 'Ada' })]);
    expect(t(schemaOf(coupons))).toEqual([
      {
        type: 'schema',
        stream: 'coupons',
        schema: { type: 'object', properties: { code: { type: 'string' }, code_hash: { type: ['string', 'null'] } } },
        keyProperties: ['code_hash'],
        bookmarkProperties: [],
      },
    ]);
    expect(t(recordOf('coupons', { id: 1, code: 'X' }))).toEqual([
      recordOf('coupons', { code: 'X', code_hash: '02129bb861061d1a052c592e2dc6b383' }),
    ]);
  });

  it('__key_properties__: null syncs without a key', () => {
    const [schema] = transform({ streamMaps: { coupons: { __key_properties__: null, id: null } } })(schemaOf(coupons));
    expect(schema).toMatchObject({ keyProperties: [], schema: { properties: { code: { type: 'string' } } } });
  });

  it('a new property of undeclared type is a string: a number it gives is written as its str()', () => {
    const t = transform({ streamMaps: { customers: { limit: "config['limit']" } }, streamMapConfig: { limit: 100 } });
    expect(t(recordOf('customers', ada))).toEqual([recordOf('customers', { ...ada, limit: '100' })]);
  });

  it('filters records; a tombstone is never filtered and keeps only its (mapped) key and _sdc_deleted_at', () => {
    const t = transform({
      streamMaps: {
        customers: {
          __filter__: "email != None and first_name == 'Ada'",
          email: null,
          id_hash: 'md5(id)',
          __key_properties__: ['id_hash'],
        },
      },
    });
    expect(t(recordOf('customers', ada))).toEqual([
      recordOf('customers', {
        id: 7,
        first_name: 'Ada',
        date_modified: '2024-05-01T10:00:00Z',
        _sdc_deleted_at: null,
        id_hash: '8f14e45fceea167a5a36dedd4bea2543',
      }),
    ]);
    expect(t(recordOf('customers', bob))).toEqual([]);
    const tombstone = { id: 8, _sdc_deleted_at: '2024-05-03T00:00:00Z' };
    expect(t(recordOf('customers', tombstone))).toEqual([
      recordOf('customers', { id_hash: 'c9f0f895fb98ab9159f51fd0297e236d', _sdc_deleted_at: '2024-05-03T00:00:00Z' }),
    ]);
    const plain = transform({ streamMaps: { customers: { __else__: null, email: 'md5(email)' }, coupons: null } });
    expect(plain(recordOf('customers', { ...ada, _sdc_deleted_at: '2024-05-03T00:00:00Z' }))).toEqual([
      recordOf('customers', { id: 7, _sdc_deleted_at: '2024-05-03T00:00:00Z' }),
    ]);
  });

  it('an expression failing on a record stops the sync naming the map, the expression and the record', () => {
    const t = transform({ streamMaps: { customers: { greeting: "'Hello ' + first_name" } } });
    expect(() => t(recordOf('customers', { ...ada, first_name: null }))).toThrow(
      new MapExpressionError(
        `stream_maps.customers.greeting: "'Hello ' + first_name" failed on the customers record with id 7: unsupported operand type(s) for +: 'str' and 'NoneType'. Fix the expression (None values can be tested first, as in x != None and ...) and run again.`,
      ),
    );
  });
});

describe('stream maps: config errors, all at once, before any request', () => {
  it('names the map, the property and the unsupported construct', () => {
    expect(
      problems({
        streamMaps: {
          customer: { email: null },
          copy: { __source__: 'custmers' },
          customers: { emial: null, id: null, n: 3 },
          coupons: { __alias__: 'customers', __else__: 'keep', __bogus__: 1 },
          __else__: 'x',
          __meta__: {},
          orders: 'x',
        },
        streamMapConfig: {},
      }),
    ).toBe(
      'Invalid stream maps or flattening (9 problems): ' +
        [
          'stream_maps.customer: "customer" is not a stream of this tap (nearest: "customers"); to make a new stream from another, add "__source__"',
          'stream_maps.copy.__source__: "custmers" is not a stream of this tap (nearest: "customers")',
          'stream_maps.customers.n: must be an expression string, or null to remove the property; got 3',
          'stream_maps.coupons.__else__: only null (or "__NULL__") is supported, to keep only the properties named',
          'stream_maps.__else__: only null (or "__NULL__") is supported, to drop every stream not named',
          'stream_maps.__meta__: unknown option (at the top level only "__else__" is supported)',
          'stream_maps.orders: must be an object (a stream map), null or "__NULL__"; got "x"',
          'stream_maps.customers.emial: "customers" has no property "emial" to remove (nearest: "email")',
          'stream_maps.customers.id: "id" is a key property and can\'t be removed; set "__key_properties__" to a new key (or null) first',
        ].join('; ') +
        '. Fix the config (see README, "Stream maps and flattening") and run again.',
    );
  });

  it('expressions outside the subset (naming the construct), a removed _sdc_deleted_at, a missing key', () => {
    expect(
      problems({
        streamMaps: {
          customers: { hash: 'md5(emial)', dom: "email.split('@')[-1]", tail: 'email[-12:]', fake: 'fake.email()', _sdc_deleted_at: null },
          coupons: { __key_properties__: ['nope'] },
        },
      }),
    ).toBe(
      'Invalid stream maps or flattening (6 problems): ' +
        [
          'stream_maps.customers.hash: "md5(emial)": unknown name "emial" (nearest: "email")',
          `stream_maps.customers.dom: "email.split('@')[-1]": the method call .split() is not supported`,
          'stream_maps.customers.tail: "email[-12:]": slices such as x[1:3] are not supported',
          'stream_maps.customers.fake: "fake.email()": Faker (fake) is not supported (fake.email)',
          "stream_maps.customers._sdc_deleted_at: _sdc_deleted_at marks deleted records and can't be removed",
          'stream_maps.coupons.__key_properties__: "nope" is not a property of the mapped stream',
        ].join('; ') +
        '. Fix the config (see README, "Stream maps and flattening") and run again.',
    );
  });

  it('two output streams of one name', () => {
    expect(problems({ streamMaps: { coupons: { __alias__: 'people' }, people: { __source__: 'customers' } } })).toBe(
      'Invalid stream maps or flattening (1 problem): stream_maps: two output streams would be named "people"; give one an "__alias__". Fix the config (see README, "Stream maps and flattening") and run again.',
    );
  });

  it('a map for a stream the catalog did not select, and removing a deselected property, are fine', () => {
    expect(() => plan({ streamMaps: { orders: { status: null }, customers: { notes: null } } })).not.toThrow();
  });
});

describe('transformingSink', () => {
  it('writes every output event in order and waits for a sink that applies backpressure', async () => {
    const written: string[] = [];
    let release: () => void = () => undefined;
    const sink = transformingSink(
      {
        write(event) {
          written.push(event.type === 'record' ? event.stream : event.type);
          if (written.length === 1) return new Promise<void>((resolve) => (release = resolve));
          return undefined;
        },
        flush: async () => undefined,
      },
      transform({ streamMaps: { copy: { __source__: 'customers' }, other: { __source__: 'customers' } } }),
    );
    const pending = sink.write(recordOf('customers', ada));
    expect(written).toEqual(['customers']);
    release();
    await pending;
    expect(written).toEqual(['customers', 'copy', 'other']);
  });
});
