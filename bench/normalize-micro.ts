/**
 * Micro-benchmark: orders/s through JSON.parse + normalize + validate + JSON.stringify, against bare
 * JSON.parse + JSON.stringify of the same raw order text (with its line items, address and coupon).
 * Run from the package root: `npx tsc -p tsconfig.json --outDir /tmp/bench-out && node /tmp/bench-out/bench/normalize-micro.js`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileNormalizer } from '../src/normalize/compile-normalizer.js';
import { compileValidator } from '../src/normalize/compile-validator.js';
import type { JsonSchema } from '../src/normalize/types.js';

const root = process.cwd();
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown;

function rawOrderText(): string {
  const orders = readJson('test/fixtures/api/orders.json') as Record<string, unknown>[];
  const products = readJson('test/fixtures/api/order_products.json') as Record<string, unknown[]>;
  const addresses = readJson('test/fixtures/api/order_shipping_addresses.json') as Record<string, unknown[]>;
  const coupons = readJson('test/fixtures/api/order_coupons.json') as Record<string, unknown[]>;
  const order = orders[0];
  if (order === undefined) throw new Error('no order fixture');
  const lines = [...(products['1001'] ?? []), ...(products['1002'] ?? [])];
  return JSON.stringify({ ...order, products: lines, shipping_addresses: addresses['1001'], coupons: coupons['1002'] });
}

function timeOrdersPerSecond(label: string, iterations: number, run: () => number): number {
  run();
  let sink = 0;
  for (let i = 0; i < iterations / 10; i++) sink += run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = iterations / seconds;
  console.log(`${label.padEnd(40)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} orders/s (sink ${sink % 7})`);
  return perSecond;
}

const schema = readJson('schemas/orders.json') as JsonSchema;
const unknown: string[] = [];
const normalize = compileNormalizer(schema, 'orders', { onUnknownField: (path) => unknown.push(path) });
const validate = compileValidator(schema);
const text = rawOrderText();
const iterations = Number(process.argv[2] ?? 100_000);

const check = validate(normalize(JSON.parse(text) as Record<string, unknown>));
if (check !== null || unknown.length > 0) throw new Error(`bench record invalid: ${JSON.stringify({ check, unknown })}`);

console.log(`raw order: ${text.length} bytes, ${iterations} iterations`);
for (let round = 0; round < 3; round++) {
  const bare = timeOrdersPerSecond('JSON.parse + JSON.stringify', iterations, () => JSON.stringify(JSON.parse(text)).length);
  const normalizeOnly = timeOrdersPerSecond(
    'parse + normalize + stringify',
    iterations,
    () => JSON.stringify(normalize(JSON.parse(text) as Record<string, unknown>)).length,
  );
  const full = timeOrdersPerSecond('parse + normalize + validate + stringify', iterations, () => {
    const record = normalize(JSON.parse(text) as Record<string, unknown>);
    return (validate(record) === null ? 1 : 0) + JSON.stringify(record).length;
  });
  console.log(`ratio: normalize ${(normalizeOnly / bare).toFixed(2)}, normalize+validate ${(full / bare).toFixed(2)} of bare speed`);
}
