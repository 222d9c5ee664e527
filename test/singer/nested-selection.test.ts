import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { compileCheckedNormalizer } from '../../src/normalize/compile-normalizer.js';
import { addDeselectedPath, deselectInSchema } from '../../src/normalize/nested-deselection.js';
import { type Catalog, discoverCatalog, type MetadataEntry, selectFromCatalog } from '../../src/singer/catalog.js';
import { createRecordPipeline } from '../../src/sync/record-pipeline.js';

const logger = createLogger({ level: 'error', format: 'text', write: () => undefined, now: () => 0 });

/** A discovered catalog with extra metadata entries appended to one stream, as Meltano writes them. */
function catalogWith(stream: string, entries: MetadataEntry[]): Catalog {
  const catalog = discoverCatalog();
  catalog.streams.find((s) => s.stream === stream)!.metadata.push(...entries);
  return catalog;
}

function select(catalog: Catalog, stream: string) {
  const warnings: string[] = [];
  const selected = selectFromCatalog(catalog, (m) => warnings.push(m)).find((s) => s.definition.name === stream)!;
  return { selected, warnings };
}

const deselect = (...breadcrumb: string[]): MetadataEntry => ({ breadcrumb, metadata: { selected: false } });
const select_ = (...breadcrumb: string[]): MetadataEntry => ({ breadcrumb, metadata: { selected: true } });

const rawCustomer = {
  id: 7,
  email: 'ada@example.com',
  date_modified: '2024-05-01T10:00:00Z',
  authentication: { force_password_reset: false },
  addresses: [
    { id: 1, customer_id: 7, city: 'Oslo', phone: '555-0100', first_name: 'Ada' },
    { id: 2, customer_id: 7, city: 'Bergen', phone: '555-0101', first_name: 'Ada' },
  ],
};

describe('nested deselection (catalog breadcrumbs below a top-level property)', () => {
  it('Meltano-style selected: true on every nested property changes nothing and warns nothing', () => {
    const catalog = catalogWith('products', [
      select_('properties', 'primary_image', 'properties', 'url_standard'),
      select_('properties', 'primary_image', 'properties', 'url_zoom'),
      select_('properties', 'variants', 'items', 'properties', 'sku'),
      // A property a later schema dropped, still selected in an old catalog: changes nothing either.
      select_('properties', 'primary_image', 'properties', 'url_gone'),
    ]);
    const { selected, warnings } = select(catalog, 'products');
    expect(warnings).toEqual([]);
    expect(selected.nestedDeselection).toBeUndefined();
    expect(selected.schema).toEqual(discoverCatalog().streams.find((s) => s.stream === 'products')!.schema);
  });

  it('an array path with the items step leaves SCHEMA and RECORD', () => {
    const { selected, warnings } = select(
      catalogWith('customers', [deselect('properties', 'addresses', 'items', 'properties', 'phone')]),
      'customers',
    );
    expect(warnings).toEqual([]);
    expect(selected.nestedDeselection).toEqual({ addresses: { phone: null } });
    const addressProperties = Object.keys((selected.schema as any).properties.addresses.items.properties);
    expect(addressProperties).not.toContain('phone');
    expect(addressProperties).toContain('city');
    const [record] = createRecordPipeline(selected, 'fail', logger)([structuredClone(rawCustomer)]);
    expect(record!.addresses).toEqual([
      { id: 1, customer_id: 7, city: 'Oslo', first_name: 'Ada' },
      { id: 2, customer_id: 7, city: 'Bergen', first_name: 'Ada' },
    ]);
    expect(record!.email).toBe('ada@example.com');
  });

  it('the same array path without the items step does the same', () => {
    const { selected, warnings } = select(
      catalogWith('customers', [deselect('properties', 'addresses', 'properties', 'phone')]),
      'customers',
    );
    expect(warnings).toEqual([]);
    expect(selected.nestedDeselection).toEqual({ addresses: { phone: null } });
    expect(Object.keys((selected.schema as any).properties.addresses.items.properties)).not.toContain('phone');
    const [record] = createRecordPipeline(selected, 'fail', logger)([structuredClone(rawCustomer)]);
    expect((record!.addresses as Array<Record<string, unknown>>).map((a) => 'phone' in a)).toEqual([false, false]);
  });

  it('an object path leaves SCHEMA and RECORD; siblings, nulls and the raw record stay intact', () => {
    const catalog = catalogWith('customers', [
      deselect('properties', 'authentication', 'properties', 'force_password_reset'),
      deselect('properties', 'addresses', 'items', 'properties', 'first_name'),
    ]);
    const { selected } = select(catalog, 'customers');
    expect((selected.schema as any).properties.authentication.properties).toEqual({});
    const raw = structuredClone(rawCustomer);
    const pipeline = createRecordPipeline(selected, 'fail', logger);
    const [record] = pipeline([raw]);
    expect(record!.authentication).toEqual({});
    expect(record!.addresses).toEqual([
      { id: 1, customer_id: 7, city: 'Oslo', phone: '555-0100' },
      { id: 2, customer_id: 7, city: 'Bergen', phone: '555-0101' },
    ]);
    const [withNulls] = pipeline([{ ...structuredClone(rawCustomer), authentication: null, addresses: null }]);
    // A null object is left out of the record (singer-check-tap's walk crashes on it); a null list stays.
    expect(withNulls).not.toHaveProperty('authentication');
    expect(withNulls!.addresses).toBeNull();
    expect(raw.addresses[0]!.first_name).toBe('Ada');
  });

  it('a typo in a deselecting breadcrumb: one warning naming it and the nearest real property; nothing removed', () => {
    const catalog = catalogWith('customers', [
      deselect('properties', 'addresses', 'items', 'properties', 'phnoe'),
      deselect('properties', 'adresses', 'properties', 'phone'),
      deselect('properties', 'email', 'properties', 'domain'),
      deselect('properties', 'addresses', 'phone'),
    ]);
    const { selected, warnings } = select(catalog, 'customers');
    expect(warnings).toEqual([
      'Catalog metadata for customers deselects properties.addresses.items.properties.phnoe, but addresses has no property "phnoe" (nearest: "phone"); nothing is deselected there.',
      'Catalog metadata for customers deselects properties.adresses.properties.phone, but the stream has no property "adresses" (nearest: "addresses"); nothing is deselected there.',
      'Catalog metadata for customers deselects properties.email.properties.domain, but email has no nested properties; nothing is deselected there.',
      'Catalog metadata for customers deselects properties.addresses.phone, which is not a property path (expected "properties", NAME pairs, with "items" after an array); nothing is deselected there.',
    ]);
    expect(selected.nestedDeselection).toBeUndefined();
  });

  it('under a deselected top-level property, nested entries change nothing and warn nothing', () => {
    const catalog = catalogWith('customers', [
      deselect('properties', 'addresses', 'items', 'properties', 'phnoe'),
      select_('properties', 'addresses', 'items', 'properties', 'city'),
    ]);
    catalog.streams.find((s) => s.stream === 'customers')!.metadata.find((m) => m.breadcrumb[1] === 'addresses')!.metadata.selected = false;
    const { selected, warnings } = select(catalog, 'customers');
    expect(warnings).toEqual([]);
    expect(selected.nestedDeselection).toBeUndefined();
    expect(Object.keys((selected.schema as any).properties)).not.toContain('addresses');
  });

  it('a tree: deeper paths inside a removed property change nothing; the normalizer of the narrowed schema skips them, arrays of arrays too', () => {
    let tree = addDeselectedPath({}, ['a', 'b']);
    tree = addDeselectedPath(tree, ['a', 'b', 'c']);
    tree = addDeselectedPath(tree, ['a', 'd', 'e']);
    expect(tree).toEqual({ a: { b: null, d: { e: null } } });
    const item = {
      type: 'object',
      properties: { b: { type: 'integer' }, c: { type: 'integer' }, d: { type: 'object', properties: { e: {}, f: {} } } },
    };
    const full = {
      type: 'object',
      properties: { id: { type: 'integer' }, a: { type: ['array', 'null'], items: { type: ['array', 'null'], items: item } } },
    };
    const unknown: string[] = [];
    const { normalize } = compileCheckedNormalizer(deselectInSchema(full, tree), 't', {
      knownSchema: full,
      onUnknownField: (p) => unknown.push(p),
    });
    expect(normalize({ id: 1, a: [[{ b: 1, c: 2, d: { e: 3, f: 4 } }], null] })).toEqual({ id: 1, a: [[{ c: 2, d: { f: 4 } }], null] });
    expect(normalize({ id: 2 })).toEqual({ id: 2 });
    expect(unknown).toEqual([]);
  });
});
