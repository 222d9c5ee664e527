import { coupons } from './coupons.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { products } from './products.js';
import type { StreamDefinition, StreamName } from './types.js';

/** Every stream the tap offers, in sync order. */
export const STREAMS: readonly StreamDefinition[] = [coupons, customers, orders, products];

export function findStream(name: string): StreamDefinition | undefined {
  return STREAMS.find((s) => s.name === name);
}

export function scopesByStream(): Record<StreamName, StreamDefinition['scope']> {
  return Object.fromEntries(STREAMS.map((s) => [s.name, s.scope])) as Record<StreamName, StreamDefinition['scope']>;
}
