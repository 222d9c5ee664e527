/**
 * Categories of a category tree. Tree 1 (the default storefront's) holds categories 18-40, the ids products name
 * in their `categories`; every other tree holds 8 categories of its own, numbered after them.
 */
import { hash32, type Rng, rngFor, streamTag } from '../random.js';
import type { ChildRecord, RecordView } from '../streams/spec.js';
import type { JsonObject } from './context.js';
import { slug } from './generate-products.js';

const CATEGORIES_TAG = streamTag('categories');

const TOP_LEVEL = ['Shop All', 'Kitchen', 'Bath', 'Garden', 'Home Decor', 'Utility', 'Sale'] as const;
const SUBCATEGORIES = [
  'Mugs & Cups',
  'Towels',
  'Candles',
  'Storage',
  'Cutting Boards',
  'Textiles',
  'Lighting',
  'Planters',
  'Tools',
  'Linens',
  'Gifts',
  'New Arrivals',
  'Clearance',
  'Bestsellers',
  'Accessories',
  'Bags',
] as const;
const SORTS = ['featured', 'newest', 'best_selling', 'alpha_asc', 'price_asc'] as const;

/** The default tree's categories: the ids products are assigned to. */
const DEFAULT_TREE = { firstId: 18, topLevel: 7, size: 23 } as const;
const OTHER_TREE = { topLevel: 2, size: 8 } as const;

interface Placement {
  id: number;
  name: string;
  parentId: number;
  parentName: string | null;
  sortOrder: number;
}

/** Where each category of a tree sits: top-level ones first, then children spread over them. */
function placements(treeId: number): Placement[] {
  const isDefault = treeId === 1;
  const shape = isDefault ? DEFAULT_TREE : OTHER_TREE;
  const firstId = isDefault ? DEFAULT_TREE.firstId : DEFAULT_TREE.firstId + DEFAULT_TREE.size + (treeId - 2) * OTHER_TREE.size;
  const topName = (k: number) => TOP_LEVEL[(isDefault ? k : treeId + k) % TOP_LEVEL.length] ?? 'Shop All';
  const out: Placement[] = [];
  for (let k = 0; k < shape.size; k++) {
    if (k < shape.topLevel) {
      out.push({ id: firstId + k, name: topName(k), parentId: 0, parentName: null, sortOrder: k });
      continue;
    }
    const child = k - shape.topLevel;
    const parent = child % shape.topLevel;
    const name = SUBCATEGORIES[(isDefault ? child : treeId * 3 + child) % SUBCATEGORIES.length] ?? 'Accessories';
    out.push({
      id: firstId + k,
      name,
      parentId: firstId + parent,
      parentName: topName(parent),
      sortOrder: Math.floor(child / shape.topLevel),
    });
  }
  return out;
}

/** A stable UUID-shaped id per category (`category_uuid`). */
function uuidOf(seed: number, id: number): string {
  const hex = [1, 2, 3, 4].map((part) => hash32(seed, CATEGORIES_TAG, id, part).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function categoryBody(seed: number, treeId: number, place: Placement, rng: Rng): JsonObject {
  const path = place.parentName === null ? `/${slug(place.name)}/` : `/${slug(place.parentName)}/${slug(place.name)}/`;
  return {
    category_id: place.id,
    category_uuid: uuidOf(seed, place.id),
    parent_id: place.parentId,
    tree_id: treeId,
    name: place.name,
    description: rng.chance(0.6) ? `<p>Our ${place.name.toLowerCase()} collection.</p>` : '',
    views: rng.int(0, 5000),
    sort_order: place.sortOrder,
    page_title: rng.chance(0.3) ? place.name : '',
    meta_keywords: [],
    meta_description: '',
    layout_file: 'category.html',
    image_url: '',
    is_visible: rng.chance(0.92),
    search_keywords: '',
    default_product_sort: rng.chance(0.8) ? 'use_store_settings' : rng.pick(SORTS),
    url: { path, is_customized: rng.chance(0.1) },
  };
}

/** The categories of one tree, as `GET /v3/catalog/trees/categories` serves them (`GetCategories`). */
export function categoriesOfTree(tree: RecordView): ChildRecord[] {
  const { seed } = tree.ctx;
  return placements(tree.meta.id).map((place) => ({
    id: place.id,
    body: categoryBody(seed, tree.meta.id, place, rngFor(seed, CATEGORIES_TAG, place.id, 0, 1)),
  }));
}
