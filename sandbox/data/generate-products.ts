import { isoOffset } from '../format.js';
import { type Rng, rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { type ProductCore, productCore, variantId } from './cores.js';
import { CUSTOM_FIELD_NAMES, OPTION_NAMES } from './words.js';

const PRODUCTS_TAG = streamTag('products');

/** Sub-resources the route adds only when `include` names them. */
export const PRODUCT_INCLUDES = [
  'variants',
  'images',
  'custom_fields',
  'bulk_pricing_rules',
  'primary_image',
  'videos',
  'options',
  'modifiers',
] as const;

/** A URL path segment from a name: `Fog Linen Work` -> `fog-linen-work`. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function variants(core: ProductCore, productId: number, rng: Rng): JsonObject[] {
  const option = OPTION_NAMES[core.optionIndex] ?? OPTION_NAMES[0];
  const count = core.optionVariants === 0 ? 1 : core.optionVariants;
  const out: JsonObject[] = [];
  for (let k = 0; k < count; k++) {
    const hasOwnPrice = core.optionVariants > 0 && rng.chance(0.3);
    const price = hasOwnPrice ? Math.round(core.price * 1.1 * 100) / 100 : null;
    out.push({
      id: variantId(productId, core.optionVariants === 0 ? 0 : k + 1),
      product_id: productId,
      sku: core.optionVariants === 0 ? core.sku : `${core.sku}-${option.values[k] ?? k}`,
      sku_id: core.optionVariants === 0 ? null : variantId(productId, k + 1) + 500_000,
      price,
      calculated_price: price ?? core.price,
      sale_price: null,
      retail_price: null,
      map_price: null,
      weight: null,
      calculated_weight: core.weight,
      width: null,
      height: null,
      depth: null,
      is_free_shipping: false,
      fixed_cost_shipping_price: null,
      purchasing_disabled: false,
      purchasing_disabled_message: '',
      image_url: '',
      cost_price: core.costPrice,
      upc: '',
      mpn: '',
      gtin: '',
      inventory_level: Math.floor(core.inventoryLevel / count),
      inventory_warning_level: 0,
      bin_picking_number: '',
      option_values:
        core.optionVariants === 0
          ? []
          : [{ id: 60 + k, label: option.values[k] ?? String(k), option_id: 100 + productId, option_display_name: option.name }],
    });
  }
  return out;
}

function images(ctx: GenContext, productId: number, name: string, rng: Rng, stampSec: number): JsonObject[] {
  const count = rng.pick([0, 1, 1, 2, 3]);
  const out: JsonObject[] = [];
  for (let k = 0; k < count; k++) {
    const id = productId * 4 + k;
    const file = `${slug(name)}_${k + 1}__${10000 + ((productId * 7919 + k) % 89999)}`;
    const base = `https://cdn11.bigcommerce.com/s-${ctx.storeHash}/products/${productId}/images/${id}/${file}.${stampSec}`;
    out.push({
      id,
      product_id: productId,
      is_thumbnail: k === 0,
      sort_order: k,
      description: '',
      image_file: `${file.slice(0, 1)}/${100 + (id % 900)}/${file}.jpg`,
      url_zoom: `${base}.1280.1280.jpg?c=2`,
      url_standard: `${base}.386.513.jpg?c=2`,
      url_thumbnail: `${base}.220.290.jpg?c=2`,
      url_tiny: `${base}.44.58.jpg?c=2`,
      date_modified: isoOffset(stampSec),
    });
  }
  return out;
}

function options(core: ProductCore, productId: number): JsonObject[] {
  if (core.optionVariants === 0) return [];
  const option = OPTION_NAMES[core.optionIndex] ?? OPTION_NAMES[0];
  return [
    {
      id: 100 + productId,
      product_id: productId,
      display_name: option.name,
      type: core.optionIndex === 0 ? 'rectangles' : 'swatch',
      config: {},
      sort_order: 0,
      option_values: option.values.slice(0, core.optionVariants).map((label, k) => ({
        is_default: k === 0,
        label,
        sort_order: k,
        value_data: {},
        id: 60 + k,
      })),
    },
  ];
}

/** A v3 catalog product with every supported include present; the route strips what was not asked for. */
export function productBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const id = meta.id;
  const core = productCore(ctx.seed, id, meta.version);
  const rng = rngFor(ctx.seed, PRODUCTS_TAG, id, 0, 3);
  const variantList = variants(core, id, rng);
  const imageList = images(ctx, id, core.name, rng, meta.createdSec + rng.int(0, 3600));
  const customFieldCount = rng.int(0, 2);
  const customFields = [];
  for (let k = 0; k < customFieldCount; k++) {
    customFields.push({
      id: id * 3 + k,
      name: CUSTOM_FIELD_NAMES[(id + k) % CUSTOM_FIELD_NAMES.length] ?? 'Info',
      value: String(rng.int(1000000, 9999999)),
    });
  }
  const bulkPricingRules = rng.chance(0.25)
    ? [
        {
          id: id * 2,
          quantity_min: 10,
          quantity_max: 49,
          type: rng.pick(['price', 'percent', 'fixed'] as const),
          amount: rng.pick([1, 5, 10]),
        },
      ]
    : [];
  const videos = rng.chance(0.05)
    ? [
        {
          id: id * 2 + 1,
          product_id: id,
          title: `${core.name} in use`,
          description: 'A short product video',
          sort_order: 1,
          type: 'youtube',
          video_id: 'z3fRu9pkuXE',
          length: '01:54',
        },
      ]
    : [];
  const retail = rng.chance(0.3) ? Math.round(core.price * 1.25 * 100) / 100 : 0;
  const sale = rng.chance(0.15) ? Math.round(core.price * 0.9 * 100) / 100 : 0;
  const isPhysical = core.type === 'physical';
  return {
    id,
    name: core.name,
    type: core.type,
    sku: core.sku,
    description: `<p><span>${core.name} by ${core.brandName}.</span></p>`,
    weight: core.weight,
    width: isPhysical ? rng.int(0, 30) : 0,
    depth: isPhysical ? rng.int(0, 30) : 0,
    height: isPhysical ? rng.int(0, 30) : 0,
    price: core.price,
    cost_price: core.costPrice,
    retail_price: retail,
    sale_price: sale,
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    calculated_price: sale > 0 ? sale : core.price,
    categories: [rng.int(18, 30), ...(rng.chance(0.4) ? [rng.int(31, 40)] : [])],
    brand_id: core.brandId,
    option_set_id: core.optionVariants > 0 ? 10 + core.optionIndex : null,
    option_set_display: 'right',
    inventory_level: core.inventoryLevel,
    inventory_warning_level: rng.pick([0, 0, 5, 10]),
    inventory_tracking: core.optionVariants > 0 ? 'variant' : rng.pick(['none', 'product'] as const),
    reviews_rating_sum: rng.int(0, 40),
    reviews_count: rng.int(0, 9),
    total_sold: core.totalSold,
    fixed_cost_shipping_price: 0,
    is_free_shipping: rng.chance(0.1),
    is_visible: core.isVisible,
    is_featured: rng.chance(0.1),
    related_products: [-1],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: rng.chance(0.3) ? String(rng.int(100000000, 999999999)) + String(rng.int(100, 999)) : '',
    mpn: '',
    gtin: '',
    date_last_imported: null,
    search_keywords: core.name.toLowerCase().split(' ').slice(1, 3).join(', '),
    availability: core.isVisible ? 'available' : 'disabled',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: isoOffset(meta.createdSec),
    date_modified: isoOffset(meta.modifiedSec),
    view_count: rng.int(0, 5000),
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: `/${slug(core.name)}/`, is_customized: rng.chance(0.2) },
    base_variant_id: core.optionVariants === 0 ? variantId(id, 0) : null,
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
    variants: variantList,
    images: imageList,
    primary_image: imageList[0] ?? null,
    custom_fields: customFields,
    bulk_pricing_rules: bulkPricingRules,
    videos,
    options: options(core, id),
    modifiers: [],
  };
}
