import { describe, expect, it } from 'vitest';
import { discoverCatalog, selectFromCatalog } from '../../src/singer/catalog.js';

/** The discovered catalog with extra metadata entries on the orders stream. */
function catalogWithOrders(extra: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }>) {
  const catalog = discoverCatalog();
  const orders = catalog.streams.find((s) => s.stream === 'orders')!;
  orders.metadata.push(...extra);
  return { streams: [orders] };
}

describe('catalog fields the schema does not have', () => {
  it('a deselected top-level field that does not exist is a warning naming it and the nearest real field', () => {
    const warnings: string[] = [];
    const [orders] = selectFromCatalog(
      catalogWithOrders([
        { breadcrumb: ['properties', 'shiping_addresses'], metadata: { selected: false } },
        { breadcrumb: ['properties', 'zzz_nothing_like_it'], metadata: { selected: false } },
      ]),
      (m) => warnings.push(m),
    );
    expect(warnings).toEqual([
      'The catalog deselects "shiping_addresses" in stream "orders", which has no such field (did you mean "shipping_addresses"?): nothing is deselected; fix the catalog\'s breadcrumb.',
      'The catalog deselects "zzz_nothing_like_it" in stream "orders", which has no such field: nothing is deselected; fix the catalog\'s breadcrumb.',
    ]);
    // Nothing real was deselected: every field stays, so the shipping address requests are still made.
    expect(orders!.selectedFields).toBeNull();
  });

  it('an unknown field that is selected (or just described) changes nothing and is not worth a warning', () => {
    const warnings: string[] = [];
    selectFromCatalog(
      catalogWithOrders([
        { breadcrumb: ['properties', 'retired_field'], metadata: { selected: true } },
        { breadcrumb: ['properties', 'other_retired_field'], metadata: { inclusion: 'available' } },
      ]),
      (m) => warnings.push(m),
    );
    expect(warnings).toEqual([]);
  });
});
