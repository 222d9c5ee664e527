import { describe, expect, it } from 'vitest';
import { runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';

const start = useSandbox({ coupons: 3, customers: 2, orders: 2, products: 2 });

describe('stream maps under airbyte read', () => {
  it('are not applied (Airbyte has no stream maps), with one warning saying so', async () => {
    const { config } = await start({}, { stream_maps: { coupons: { __alias__: 'discount_codes', code: null } } });
    const discovered = await runCli(['airbyte', 'discover', '--config', config]);
    const coupons = discovered.messages[0]!.catalog.streams.find((s: { name: string }) => s.name === 'coupons');
    const catalog = tempJson('configured.json', {
      streams: [{ stream: coupons, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', primary_key: [['id']] }],
    });
    const run = await runCli(['airbyte', 'read', '--config', config, '--catalog', catalog]);
    expect(run.code, run.stderr).toBe(0);
    const records = run.messages.filter((m) => m.type === 'RECORD').map((m) => m.record);
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(r.stream).toBe('coupons');
      expect(r.data).toHaveProperty('code');
    }
    expect(run.stderr).toContain('stream_maps and flattening apply to Singer output only: airbyte read writes the streams unmapped.');
  });
});
