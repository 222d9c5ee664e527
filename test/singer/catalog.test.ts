import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/errors.js';
import { type Catalog, catalogEntry, discoverCatalog, selectFromCatalog } from '../../src/singer/catalog.js';
import { STREAM_NAMES } from '../../src/streams/index.js';
import { orderProducts } from '../../src/streams/order_products.js';

describe('discoverCatalog', () => {
  const catalog = discoverCatalog();

  it('lists every registered stream with Singer metadata', () => {
    expect(catalog.streams.map((s) => s.tap_stream_id)).toEqual([...STREAM_NAMES]);
    const orders = catalog.streams.find((s) => s.stream === 'orders')!;
    expect(orders.metadata[0]).toEqual({
      breadcrumb: [],
      metadata: {
        'table-key-properties': ['id'],
        'valid-replication-keys': ['date_modified'],
        'selected-by-default': true,
        inclusion: 'available',
        'replication-method': 'INCREMENTAL',
        'replication-key': 'date_modified',
      },
    });
    const coupons = catalog.streams.find((s) => s.stream === 'coupons')!;
    expect(coupons.metadata[0]!.metadata).toMatchObject({ 'forced-replication-method': 'FULL_TABLE', 'valid-replication-keys': [] });
    // A child stream replicates with its parent: incremental on the parent's bookmark, no replication key of its own.
    const lines = catalogEntry(orderProducts);
    expect(lines.metadata[0]!.metadata).toEqual({
      'table-key-properties': ['id'],
      'valid-replication-keys': [],
      'selected-by-default': true,
      inclusion: 'available',
      'replication-method': 'INCREMENTAL',
      'parent-tap-stream-id': 'orders',
    });
  });

  it('marks the key and the replication key automatic, other fields available', () => {
    const orders = catalog.streams.find((s) => s.stream === 'orders')!;
    const inclusion = (field: string) => orders.metadata.find((m) => m.breadcrumb[1] === field)?.metadata.inclusion;
    expect(inclusion('id')).toBe('automatic');
    expect(inclusion('date_modified')).toBe('automatic');
    expect(inclusion('products')).toBe('available');
    expect(orders.metadata.length).toBe(1 + Object.keys(orders.schema.properties as object).length);
  });
});

function withMetadata(mutate: (catalog: Catalog) => void): Catalog {
  const catalog = discoverCatalog();
  mutate(catalog);
  return catalog;
}

describe('selectFromCatalog', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);

  it('selects by the [] metadata, the legacy schema.selected, then selected-by-default', () => {
    const catalog = withMetadata((c) => {
      const entry = (name: string) => c.streams.find((s) => s.stream === name)!;
      entry('coupons').metadata[0]!.metadata.selected = false;
      (entry('customers').schema as Record<string, unknown>).selected = false;
      entry('orders').metadata[0]!.metadata.selected = true;
      for (const other of c.streams.filter((s) => !['coupons', 'customers', 'orders'].includes(s.stream))) {
        other.metadata[0]!.metadata['selected-by-default'] = false;
      }
    });
    expect(selectFromCatalog(catalog, warn).map((s) => s.definition.name)).toEqual(['orders']);
  });

  it('removes deselected top-level fields from the schema but keeps automatic ones', () => {
    const catalog = withMetadata((c) => {
      const orders = c.streams.find((s) => s.stream === 'orders')!;
      for (const m of orders.metadata) {
        if (['products', 'coupons', 'id', 'date_modified'].includes(m.breadcrumb[1] ?? '')) m.metadata.selected = false;
      }
    });
    const orders = selectFromCatalog(catalog, warn).find((s) => s.definition.name === 'orders')!;
    expect(orders.selectedFields?.has('products')).toBe(false);
    expect(orders.selectedFields?.has('coupons')).toBe(false);
    expect(orders.selectedFields?.has('id')).toBe(true);
    expect(orders.selectedFields?.has('date_modified')).toBe(true);
    expect(Object.keys(orders.schema.properties as object)).not.toContain('products');
    expect(Object.keys(orders.schema.properties as object)).toContain('shipping_addresses');
  });

  it('honours FULL_TABLE on an incremental stream and rejects INCREMENTAL on coupons', () => {
    const catalog = withMetadata((c) => {
      c.streams.find((s) => s.stream === 'orders')!.metadata[0]!.metadata['replication-method'] = 'FULL_TABLE';
    });
    expect(selectFromCatalog(catalog, warn).find((s) => s.definition.name === 'orders')!.replicationMethod).toBe('FULL_TABLE');
    const bad = withMetadata((c) => {
      c.streams[0]!.metadata[0]!.metadata['replication-method'] = 'INCREMENTAL';
    });
    expect(() => selectFromCatalog(bad, warn)).toThrow(
      new CatalogError(
        'The catalog asks for replication-method "INCREMENTAL" on "coupons", which supports FULL_TABLE only: fix the catalog metadata.',
      ),
    );
    const logBased = withMetadata((c) => {
      c.streams.find((s) => s.stream === 'orders')!.metadata[0]!.metadata['replication-method'] = 'LOG_BASED';
    });
    expect(() => selectFromCatalog(logBased, warn)).toThrow(
      'The catalog asks for replication-method "LOG_BASED" on "orders", which supports INCREMENTAL or FULL_TABLE: fix the catalog metadata.',
    );
  });

  it('rejects unknown streams', () => {
    const unknown = withMetadata((c) => {
      c.streams[0]!.tap_stream_id = 'bogus_stream';
    });
    expect(() => selectFromCatalog(unknown, warn)).toThrow(
      `The catalog names an unknown stream "bogus_stream"; this tap offers ${STREAM_NAMES.join(', ')}: regenerate the catalog with --discover.`,
    );
  });
});
