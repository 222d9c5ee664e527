import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, normalizeStoreHash, parseConfig, readConfigSources } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const valid = { store_hash: 'abc123', access_token: 'tok-123456', start_date: '2024-01-01T00:00:00Z' };

function problemsOf(raw: Record<string, unknown>): string {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('maps every key to the typed config with the documented defaults', () => {
    const { config, warnings } = parseConfig(valid);
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      storeHash: 'abc123',
      accessToken: 'tok-123456',
      startDateMs: Date.UTC(2024, 0, 1),
      apiUrl: 'https://api.bigcommerce.com',
      pageSize: 250,
      maxConcurrency: 8,
      requestTimeoutMs: 300_000,
      maxRetries: 5,
      onInvalidRecord: 'fail',
      emitActivateVersionMessages: true,
      strictScopes: false,
      embeddedDetails: true,
      detectDeletes: true,
      deleteScanIntervalMs: 0,
      userAgent: expect.stringMatching(/^tap-bigcommerce\/\d+\.\d+\.\d+$/),
    });
  });

  it('reads every optional key', () => {
    const { config } = parseConfig({
      ...valid,
      end_date: '06/30/2024',
      client_id: 'cid',
      api_url: 'http://127.0.0.1:8080/',
      page_size: 100,
      max_concurrency: 4,
      request_timeout_s: 2.5,
      max_retries: 0,
      on_invalid_record: 'warn',
      emit_activate_version_messages: false,
      user_agent: 'my-agent/1',
    });
    expect(config).toMatchObject({
      endDateMs: Date.UTC(2024, 5, 30),
      clientId: 'cid',
      apiUrl: 'http://127.0.0.1:8080',
      pageSize: 100,
      maxConcurrency: 4,
      requestTimeoutMs: 2500,
      maxRetries: 0,
      onInvalidRecord: 'warn',
      emitActivateVersionMessages: false,
      userAgent: 'my-agent/1',
    });
  });

  it('accepts MM/DD/YYYY and ISO dates without an offset as UTC', () => {
    expect(parseConfig({ ...valid, start_date: '01/31/2024' }).config.startDateMs).toBe(Date.UTC(2024, 0, 31));
    expect(parseConfig({ ...valid, start_date: '2024-01-31' }).config.startDateMs).toBe(Date.UTC(2024, 0, 31));
    expect(parseConfig({ ...valid, start_date: '2024-01-31T10:00:00+02:00' }).config.startDateMs).toBe(Date.UTC(2024, 0, 31, 8));
  });

  it('reports every problem at once, each with its key', () => {
    const message = problemsOf({
      store_hash: 'not a hash!',
      start_date: 'yesterday',
      page_size: 500,
      on_invalid_record: 'ignore',
      max_concurrency: 'eight',
    });
    expect(message).toBe(
      'Invalid config (6 problems): access_token: required but missing; page_size: must be <= 250; max_concurrency: must be integer; on_invalid_record: must be one of "fail", "warn"; store_hash: "not a hash!" is not a store hash; a store hash is the short id such as abc123 in the API path https://api.bigcommerce.com/stores/abc123/v3/ shown when you create an API account (Settings > API > Store-level API accounts); start_date: "yesterday" is not a date; use ISO 8601 (2024-01-31T00:00:00Z) or MM/DD/YYYY. Fix the config file and run again.',
    );
  });

  it('rejects an end_date before start_date and a non-http api_url', () => {
    expect(problemsOf({ ...valid, end_date: '2023-01-01', api_url: 'ftp://x' })).toBe(
      'Invalid config (2 problems): end_date: must not be before start_date; api_url: "ftp://x" is not an http(s) URL; use the base URL such as https://api.bigcommerce.com. Fix the config file and run again.',
    );
  });

  it('warns about unknown keys with a did-you-mean hint, without failing', () => {
    const { warnings } = parseConfig({ ...valid, start_dat: 'x', page_sise: 10, totally_unrelated_thing: 1 });
    expect(warnings).toEqual([
      'Unknown config key "start_dat" is ignored (did you mean "start_date"?).',
      'Unknown config key "page_sise" is ignored (did you mean "page_size"?).',
      'Unknown config key "totally_unrelated_thing" is ignored.',
    ]);
  });

  it('names unknown keys with their did-you-mean hint in the error list too, when the config is invalid', () => {
    const { start_date: _omitted, ...withoutStart } = valid;
    expect(problemsOf({ ...withoutStart, strat_date: '2024-01-01T00:00:00Z', colour: 'blue' })).toBe(
      'Invalid config (3 problems): start_date: required but missing; strat_date: unknown key (did you mean "start_date"?); colour: unknown key. Fix the config file and run again.',
    );
  });

  it('never puts the access token in an error', () => {
    const message = problemsOf({ ...valid, access_token: 'super-secret-token', page_size: 0 });
    expect(message).not.toContain('super-secret-token');
  });
});

describe('normalizeStoreHash', () => {
  it.each([
    ['abc123', 'abc123'],
    ['  abc123  ', 'abc123'],
    ['store-abc123.mybigcommerce.com', 'abc123'],
    ['https://store-abc123.mybigcommerce.com/', 'abc123'],
    ['https://api.bigcommerce.com/stores/abc123/v3/', 'abc123'],
    ['stores/abc123', 'abc123'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeStoreHash(input)).toBe(expected);
  });

  it.each(['', 'abc 123', 'https://example.com/foo', 'abc/123'])('rejects %j', (input) => {
    expect(normalizeStoreHash(input)).toBeNull();
  });
});

describe('config sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tap-bc-config-'));
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, JSON.stringify({ ...valid, page_size: 10 }));
  writeFileSync(b, JSON.stringify({ page_size: 20, max_retries: 1 }));

  it('merges files left to right', () => {
    expect(readConfigSources([a, b], {})).toEqual({ ...valid, page_size: 20, max_retries: 1 });
  });

  it('reads TAP_BIGCOMMERCE_* with ENV, coerced by type; the environment wins over files', () => {
    const env = {
      TAP_BIGCOMMERCE_PAGE_SIZE: '30',
      TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: 'no',
      TAP_BIGCOMMERCE_REQUEST_TIMEOUT_S: '1.5',
      TAP_BIGCOMMERCE_STORE_HASH: 'zzz999',
    };
    expect(readConfigSources(['ENV', a], env)).toEqual({
      ...valid,
      store_hash: 'zzz999',
      page_size: 30,
      emit_activate_version_messages: false,
      request_timeout_s: 1.5,
    });
    expect(configFromEnv({ TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: 'Yes' })).toEqual({ emit_activate_version_messages: true });
  });

  it('explains unreadable and invalid files', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"store_hash": ');
    expect(() => readConfigSources([join(dir, 'missing.json')], {})).toThrow(
      `Cannot read config file ${join(dir, 'missing.json')} (ENOENT): check the --config path.`,
    );
    expect(() => readConfigSources([bad], {})).toThrow(/^Config file .*bad\.json is not valid JSON \(.*\): fix the file\.$/);
    writeFileSync(bad, '[1]');
    expect(() => readConfigSources([bad], {})).toThrow(/must hold a JSON object of settings/);
  });
});
