import { expect, test, vi } from 'vitest';
import { runSandboxCommand, sandboxOptionsFromArgs } from '../../sandbox/command.js';
import { registeredStreams } from '../../sandbox/index.js';

/** The streams with a size of their own (collections that are not fixed lists), in registry order. */
const SIZED = registeredStreams().flatMap(({ spec }) => (spec.kind === 'collection' && spec.fixedIds === undefined ? [spec.stream] : []));

test('runSandboxCommand serves until SIGINT, reports on stderr only, and returns 0', async () => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const stdout = vi.spyOn(process.stdout, 'write');
  let url = '';
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const exit = runSandboxCommand(
    ['--orders', '20', '--customers', '5', '--products', '5', '--coupons', '3', '--quota', '150', '--seed', '4'],
    (u) => {
      url = u;
      markReady();
    },
  );
  await ready;
  const got = await fetch(`${url}/stores/sandbox1/v2/orders/count`, { headers: { 'X-Auth-Token': 'sandbox-token' } });
  expect(((await got.json()) as { count: number }).count).toBe(20);
  expect(got.headers.get('x-rate-limit-requests-quota')).toBe('150');
  process.emit('SIGINT');
  expect(await exit).toBe(0);
  const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
  expect(printed).toContain(url);
  expect(printed).toContain('"api_url"');
  expect(stdout).not.toHaveBeenCalled();
  stderr.mockRestore();
  stdout.mockRestore();
});

test('flags map onto sandbox options', () => {
  const options = sandboxOptionsFromArgs({
    port: 8080,
    seed: 1,
    orders: 10,
    quota: 150,
    windowMs: 30000,
    unlimited: false,
    latencyMs: 5,
    errorRate: 0.1,
    resetRate: 0,
    liveChanges: 3,
    liveModify: 2,
    liveCreate: 1,
    minExclusive: true,
    tieOrder: 'shuffled',
    oversizeLimit: 'cap',
    lazy: true,
  });
  expect(options).toMatchObject({
    port: 8080,
    quota: { requests: 150, windowMs: 30000 },
    liveChanges: { everyRequests: 3, modify: 2, create: 1 },
    minInclusive: false,
    tieOrder: 'shuffled',
    oversizeLimit: 'cap',
    lazy: true,
    sizes: { orders: 10 },
  });
});

test('--size stream=N sets any collection size, beside the per-stream flags', async () => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let url = '';
  let markReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const exit = runSandboxCommand(
    ['--size', 'orders=7', '--size', 'coupons=2', '--customers', '3', '--products', '4', '--unlimited'],
    (u) => {
      url = u;
      markReady();
    },
  );
  await ready;
  const count = async (path: string) =>
    ((await (await fetch(`${url}/stores/sandbox1${path}`, { headers: { 'X-Auth-Token': 'sandbox-token' } })).json()) as { count: number })
      .count;
  expect(await count('/v2/orders/count')).toBe(7);
  expect(await count('/v2/coupons/count')).toBe(2);
  process.emit('SIGINT');
  expect(await exit).toBe(0);
  stderr.mockRestore();
});

test.each([
  [['--size', 'bogus=3'], `sandbox: --size bogus=3: no stream "bogus" has a size (${SIZED.join(', ')} do)\n`],
  [['--size', 'orders'], 'sandbox: --size orders: expected stream=N, e.g. --size orders=5000\n'],
  [['--orders', '3', '--size', 'orders=4'], 'sandbox: --size orders=4: the size of orders is given twice (3 and 4); give it once\n'],
  [
    ['--customer-groups', '3', '--size', 'customer_groups=4'],
    'sandbox: --size customer_groups=4: the size of customer_groups is given twice (3 and 4); give it once\n',
  ],
])('a bad size (%j) is refused with exit 2 and one line', async (argv, message) => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await runSandboxCommand(argv);
  const written = stderr.mock.calls.map((c) => String(c[0])).join('');
  stderr.mockRestore();
  expect(code).toBe(2);
  expect(written).toBe(message);
});

test('the order include traps have flags', async () => {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const serve = async (flags: string[]) => {
    let url = '';
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const exit = runSandboxCommand(['--orders', '3', '--unlimited', ...flags], (u) => {
      url = u;
      markReady();
    });
    await ready;
    const response = await fetch(`${url}/stores/sandbox1/v2/orders?include=consignments.line_items,fees&consignment_structure=object`, {
      headers: { 'X-Auth-Token': 'sandbox-token' },
    });
    const orders = (await response.json()) as Array<Record<string, any>>;
    process.emit('SIGINT');
    expect(await exit).toBe(0);
    return orders;
  };
  expect((await serve([]))[0]!.consignments.shipping).toBeDefined();
  expect((await serve(['--ignore-include']))[0]).not.toHaveProperty('consignments');
  expect(Array.isArray((await serve(['--legacy-consignment-array']))[0]!.consignments)).toBe(true);
  const linked = await serve(['--line-items-as-links']);
  expect(Object.keys(linked[0]!.consignments.shipping[0].line_items[0])).toEqual(['url', 'resource']);
  const empty = await serve(['--empty-line-items-rate', '1']);
  expect(empty[0]!.consignments.shipping[0].line_items).toEqual([]);
  stderr.mockRestore();
  expect(
    sandboxOptionsFromArgs({
      port: 0,
      seed: 1,
      quota: 1,
      windowMs: 1,
      latencyMs: 0,
      errorRate: 0,
      resetRate: 0,
      liveModify: 0,
      liveCreate: 0,
      minExclusive: false,
      tieOrder: 'id',
      oversizeLimit: 'reject',
      lazy: false,
      productsDefaultLimit50: true,
    }),
  ).toMatchObject({ productsDefaultLimit50: true, ignoreInclude: false, emptyLineItemsRate: 0 });
});
