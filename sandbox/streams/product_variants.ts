import type { JsonObject } from '../data/context.js';
import { fieldLists } from './field-lists.js';
import { intIn, textEquals } from './filters.js';
import { defineDerived, type RecordView } from './spec.js';

const variantField = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');

/**
 * A variant after an edit: the storefront price and weight follow the edited ones (null means the product's),
 * as the real `calculated_price` and `calculated_weight` do.
 */
function editVariant(variant: JsonObject, changes: JsonObject, product: JsonObject): JsonObject {
  const edited = { ...variant, ...changes };
  if ('price' in changes || 'sale_price' in changes) edited.calculated_price = edited.sale_price ?? edited.price ?? product.price;
  if ('weight' in changes) edited.calculated_weight = edited.weight ?? product.weight;
  return edited;
}

/**
 * `GET /v3/catalog/variants` (product-variants_catalog.v3.yml): every product's variants, the same objects its
 * `variants` include holds, id ascending; filters `id`, `sku`, `upc`, `product_id:in`, field lists, pages; no
 * id range and no sort (a 422 for any parameter the spec doesn't list). A variant edited on its own
 * (`SandboxHandle.editVariant`) changes here and in its product's body, not the product's date_modified.
 */
export const productVariants = defineDerived({
  stream: 'product_variants',
  resource: 'products',
  parent: 'products',
  hasDateModified: false,
  children: (product) => (product.body().variants as JsonObject[]).map((variant) => ({ id: Number(variant.id), body: variant })),
  list: {
    envelope: 'v3',
    idFilters: ['id'],
    strict: { ignored: [] },
    filters: {
      sku: textEquals(variantField('sku')),
      upc: textEquals(variantField('upc')),
      'product_id:in': intIn((record) => Number(record.body().product_id)),
    },
    render: fieldLists('id'),
    hasTooManyFlag: true,
  },
  embeddedIn: {
    field: 'variants',
    readOnly: ['id', 'product_id', 'sku_id', 'option_values', 'calculated_price', 'calculated_weight'],
    edit: editVariant,
  },
});
