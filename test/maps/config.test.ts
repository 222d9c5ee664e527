import { describe, expect, it } from 'vitest';
import { configFromEnv, parseConfig } from '../../src/config.js';

const valid = { store_hash: 'abc123', access_token: 'tok-123456', start_date: '2024-01-01T00:00:00Z' };

describe('stream map and flattening settings in the config', () => {
  it('maps them to the typed config; flattening defaults its key length to 255', () => {
    const { config, warnings } = parseConfig({
      ...valid,
      stream_maps: { coupons: null },
      stream_map_config: { seed: 'x' },
      flattening_enabled: true,
      flattening_max_depth: 2,
    });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      streamMaps: { coupons: null },
      streamMapConfig: { seed: 'x' },
      flattening: { maxDepth: 2, maxKeyLength: 255 },
    });
    expect(
      parseConfig({ ...valid, flattening_enabled: true, flattening_max_depth: 0, flattening_max_key_length: 63 }).config.flattening,
    ).toEqual({
      maxDepth: 0,
      maxKeyLength: 63,
    });
    const plain = parseConfig(valid).config;
    expect(plain.flattening).toBeUndefined();
    expect(plain.streamMaps).toBeUndefined();
  });

  it('flattening without a depth is a config error; a depth without flattening is a warning', () => {
    expect(() => parseConfig({ ...valid, flattening_enabled: true })).toThrow(
      'Invalid config (1 problem): flattening_max_depth: required when flattening_enabled is true (e.g. 1 for parent__child columns). Fix the config file and run again.',
    );
    expect(parseConfig({ ...valid, flattening_max_depth: 1 }).warnings).toEqual([
      'flattening_max_depth and flattening_max_key_length take effect only with flattening_enabled: true; nothing is flattened.',
    ]);
    expect(() => parseConfig({ ...valid, stream_maps: 'customers' })).toThrow('Invalid config (1 problem): stream_maps: must be object.');
  });

  it('object settings from the environment (--config ENV) are read as JSON', () => {
    expect(
      configFromEnv({
        TAP_BIGCOMMERCE_STREAM_MAPS: '{"customers": {"email": "md5(email)"}}',
        TAP_BIGCOMMERCE_FLATTENING_ENABLED: 'true',
        TAP_BIGCOMMERCE_FLATTENING_MAX_DEPTH: '1',
        TAP_BIGCOMMERCE_STREAM_MAP_CONFIG: 'not json',
      }),
    ).toEqual({
      stream_maps: { customers: { email: 'md5(email)' } },
      flattening_enabled: true,
      flattening_max_depth: 1,
      stream_map_config: 'not json',
    });
  });
});
