import { readFixtureJson } from '../helpers/fixtures.js';

export type RawRecord = Record<string, unknown>;

/** Raw API records written for these tests (`test/fixtures/api/`). */
export function readFixture<T>(name: string): T {
  return readFixtureJson<T>('api', `${name}.json`);
}

/** A reference example payload (`test/fixtures/bigcommerce-examples/`, copied from the API docs' examples). */
export function readReferenceExample<T>(name: string): T {
  return readFixtureJson<T>('bigcommerce-examples', `${name}.json`);
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
