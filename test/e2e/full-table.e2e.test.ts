import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../sandbox/index.js';
import { STREAMS } from '../../src/streams/index.js';
import { catalogSelecting } from '../helpers/catalog-file.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { everyCollection, useSandbox } from '../helpers/sandbox-session.js';

const start = useSandbox({ ...everyCollection(20), customers: 30, orders: 120 });

/** Full-table streams a run without a catalog syncs. */
const FULL_TABLE = STREAMS.filter((s) => s.isSelectedByDefault && s.replication.method === 'FULL_TABLE');
/** Those walked by page number (their lists have no id filter): a deletion mid-walk shifts the pages. */
/** Page-walked tables (shipping zones aside: its endpoint has no paging, so one response holds the whole table). */
const PAGE_WALKED = FULL_TABLE.filter(
  (s) => s.replication.method === 'FULL_TABLE' && s.replication.walk.by === 'page' && s.name !== 'shipping_zones',
);

type Message = Record<string, any>;
const definitionOf = (name: string) => FULL_TABLE.find((s) => s.name === name)!;
const versionsOf = (messages: Message[], stream: string) =>
  messages.filter((m) => m.type === 'ACTIVATE_VERSION' && m.stream === stream).map((m) => m.version as number);

describe('full-table streams', () => {
  it('a second run starts a new table version: no ACTIVATE_VERSION before its records, one at the end', async () => {
    const { sandbox, config } = await start({}, { page_size: 7 });
    const first = await runCli(['--config', config]);
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['--config', config, '--state', tempJson('state.json', lastStateOf(first.messages))]);
    expect(second.code, second.stderr).toBe(0);
    for (const { name } of FULL_TABLE) {
      const [opened, closed] = versionsOf(first.messages, name);
      expect(opened, name).toBe(closed);
      const [version, ...more] = versionsOf(second.messages, name);
      expect(more, name).toEqual([]);
      expect(version, name).toBeGreaterThan(closed!);
      const own = second.messages.filter((m) => m.stream === name && (m.type === 'RECORD' || m.type === 'ACTIVATE_VERSION'));
      expect(own.at(-1)!.type, name).toBe('ACTIVATE_VERSION');
      expect(new Set(own.filter((m) => m.type === 'RECORD').map((m) => m.version)), name).toEqual(new Set([version]));
      const key = definitionOf(name).key[0]!;
      const ids = new Set(recordsOf(second.messages, name).map((r) => r[key]));
      expect(
        [...ids].sort((a, b) => a - b),
        name,
      ).toEqual(sandbox.snapshot(name).map((r) => r.id));
      expect(lastStateOf(second.messages).bookmarks[name], name).toEqual({ version });
    }
  });

  it.each(PAGE_WALKED.map((s) => [s.name, s] as const))(
    '%s: a record deleted after the first page never costs a live row (the walk is read again, the version closes whole)',
    async (name, definition) => {
      let sandbox: SandboxHandle | undefined;
      let deleted: number | string | undefined;
      const listRoute = `GET /${definition.api}${definition.path}`;
      // The sandbox waits out its latency before answering each request: once the list has answered its first
      // page, the store loses the first record, so the next pages shift one place.
      const clock = {
        now: () => Date.now(),
        sleep: async () => {
          if (sandbox === undefined || deleted !== undefined || sandbox.stats().byRoute[listRoute] !== 1) return;
          deleted = sandbox.snapshot(name)[0]!.id;
          sandbox.deleteRecords(name, [deleted]);
        },
      };
      const started = await start({ latencyMs: 1, clock });
      sandbox = started.sandbox;
      const size = sandbox.snapshot(name).length;
      expect(size, name).toBeGreaterThanOrEqual(8);
      const pageSize = Math.floor(size / 4);
      const config = tempJson('config.json', { ...sandbox.config(), page_size: pageSize, max_concurrency: 1 });
      const run = await runCli(['--config', config, '--catalog', catalogSelecting([name])]);
      expect(run.code, run.stderr).toBe(0);
      expect(deleted, name).toBeDefined();
      expect(run.stderr).toContain(`${name}: walking the table again to prove it complete`);
      const [opened, closed, ...more] = versionsOf(run.messages, name);
      expect(more).toEqual([]);
      expect(closed, `${name} closed its version`).toBe(opened);
      const inVersion = new Set(recordsOf(run.messages, name).map((r) => r[definition.key[0]!]));
      const live = sandbox.snapshot(name).map((r) => r.id);
      expect(
        live.filter((id) => !inVersion.has(id)),
        name,
      ).toEqual([]);
    },
  );
});
