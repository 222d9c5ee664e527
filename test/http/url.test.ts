import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildUrl, displayTarget, encodeQuery } from '../../src/http/url.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup, TOKEN } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

describe('encodeQuery', () => {
  it('encodes keys and values, keeps ":" readable, turns "+" into %2B and skips undefined', () => {
    expect(
      encodeQuery({
        'date_modified:min': '2024-05-01T10:00:00+00:00',
        sort: 'date_modified:asc',
        limit: 250,
        is_deleted: false,
        skipped: undefined,
        q: 'a b&c=d/é',
      }),
    ).toBe('date_modified:min=2024-05-01T10:00:00%2B00:00&sort=date_modified:asc&limit=250&is_deleted=false&q=a%20b%26c%3Dd%2F%C3%A9');
  });

  it('returns an empty string for no query', () => {
    expect(encodeQuery(undefined)).toBe('');
    expect(encodeQuery({ a: undefined })).toBe('');
  });
});

describe('buildUrl', () => {
  it('joins api_url (trailing slashes dropped), store hash, version, path and query', () => {
    expect(buildUrl('https://api.bigcommerce.com//', 'abc123', 'v3', '/catalog/products', 'limit=1')).toBe(
      'https://api.bigcommerce.com/stores/abc123/v3/catalog/products?limit=1',
    );
    expect(buildUrl('http://127.0.0.1:8080/proxy/', 'abc123', 'v2', '/orders', '')).toBe(
      'http://127.0.0.1:8080/proxy/stores/abc123/v2/orders',
    );
    expect(displayTarget('v2', '/orders', 'page=2')).toBe('/v2/orders?page=2');
  });
});

describe('the request on the wire', () => {
  it('sends the auth, accept and user-agent headers and %2B-encodes "+" in the query', async () => {
    const scope = nock(API_URL, {
      reqheaders: { 'x-auth-token': TOKEN, accept: 'application/json', 'user-agent': 'tap-bigcommerce/test' },
    })
      .get(`${BASE}/v2/orders?min_date_modified=2024-05-01T10:00:00%2B00:00&sort=date_modified:asc&limit=250`)
      .reply(200, [{ id: 1 }], { ...JSON_HEADERS, ...rateHeaders(149) });
    const { client } = setup();
    const page = await client.get({
      apiVersion: 'v2',
      path: '/orders',
      query: { min_date_modified: '2024-05-01T10:00:00+00:00', sort: 'date_modified:asc', limit: 250, page: undefined },
      stream: 'orders',
    });
    expect(page.records).toEqual([{ id: 1 }]);
    expect(scope.isDone()).toBe(true);
    client.close();
  });

  it('puts %2B (never a bare "+") in the raw request path', async () => {
    const rawPaths: string[] = [];
    nock(API_URL)
      .get((uri) => {
        rawPaths.push(uri);
        return uri.startsWith(`${BASE}/v3/customers?`);
      })
      .reply(200, { data: [], meta: {} }, { ...JSON_HEADERS, ...rateHeaders(149) });
    const { client } = setup();
    await client.get({
      apiVersion: 'v3',
      path: '/customers',
      query: { 'date_modified:min': '2024-05-01T10:00:00+02:00' },
      stream: 'customers',
    });
    expect(rawPaths.filter((p) => p.includes('?'))).toEqual([`${BASE}/v3/customers?date_modified:min=2024-05-01T10:00:00%2B02:00`]);
    client.close();
  });
});
