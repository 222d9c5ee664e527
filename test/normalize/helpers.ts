import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RawRecord = Record<string, unknown>;

const fixturesDir = fileURLToPath(new URL('../fixtures/api/', import.meta.url));
export const sharedExamplesDir = '/work/shared/bigcommerce/examples';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function readFixture<T>(name: string): T {
  return readJson(join(fixturesDir, `${name}.json`)) as T;
}

export function readSharedExample<T>(name: string): T {
  return readJson(join(sharedExamplesDir, `${name}.json`)) as T;
}

/** The raw orders with their sub-resource lists put where the link objects were, as the orders stream does. */
export function rawOrdersWithSubResources(): RawRecord[] {
  const orders = readFixture<RawRecord[]>('orders');
  const products = readFixture<Record<string, RawRecord[]>>('order_products');
  const addresses = readFixture<Record<string, RawRecord[]>>('order_shipping_addresses');
  const coupons = readFixture<Record<string, RawRecord[]>>('order_coupons');
  return orders.map((order) => {
    const id = String(order['id']);
    return {
      ...order,
      products: products[id] ?? [],
      shipping_addresses: addresses[id] ?? [],
      coupons: coupons[id] ?? [],
    };
  });
}
