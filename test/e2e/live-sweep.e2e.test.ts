import { describe, expect, it } from 'vitest';
import { lastStateOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { missingFromUnion, takeSnapshot } from '../helpers/union.js';

const start = useSandbox({ coupons: 12, customers: 60, orders: 30, products: 60 });

describe('live changes with small pages, parallel slices, exclusive :min and shuffled ties', () => {
  it.each([1, 5])(
    'page_size %i: the run and the next one from its state hold every record, unless the next run changed it again',
    async (pageSize) => {
      let skewMs = 0;
      const { sandbox, config } = await start(
        {
          liveChanges: { everyRequests: 3, modify: 2, create: 1 },
          tieOrder: 'shuffled',
          minInclusive: false,
          clock: { now: () => Date.now() + skewMs },
        },
        { page_size: pageSize, max_concurrency: 4 },
      );
      const first = await runCli(['--config', config], { timeoutMs: 120_000 });
      expect(first.code).toBe(0);
      const afterFirst = takeSnapshot(sandbox);
      skewMs += 3000;
      const second = await runCli(['--config', config, '--state', tempJson('s.json', lastStateOf(first.messages))], { timeoutMs: 120_000 });
      expect(second.code).toBe(0);
      expect(missingFromUnion(afterFirst, [first.messages, second.messages], takeSnapshot(sandbox))).toEqual([]);
    },
  );
});
