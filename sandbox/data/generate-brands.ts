import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { slug } from './generate-products.js';
import { BRANDS } from './words.js';

const BRANDS_TAG = streamTag('brands');

/** Brands after `BRANDS` (36-40, the ones products carry): names from the brands spec's example list. */
const MORE_BRANDS = ['Barr-Co.', 'Thames & Hudson', 'Able Brewing', 'Chemex', 'Hario', 'Iris Hantverk', 'Kinto', 'Le Creuset'] as const;

/** The brand's name: products name brands 36-40 (`BRANDS`), the store has a few more. */
export function brandName(id: number): string {
  const known = BRANDS.find((brand) => brand.id === id);
  if (known !== undefined) return known.name;
  const last = BRANDS[BRANDS.length - 1]?.id ?? 0;
  return MORE_BRANDS[id - last - 1] ?? `Brand ${id}`;
}

/** A v3 catalog brand (`brand_Full`): brands have no dates. */
export function brandBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const name = brandName(meta.id);
  const rng = rngFor(ctx.seed, BRANDS_TAG, meta.id, 0, 1);
  const path = slug(name);
  const hasSeo = rng.chance(0.4);
  return {
    id: meta.id,
    name,
    page_title: hasSeo ? name : '',
    meta_keywords: hasSeo ? rng.pick([['modern', 'clean'], ['kitchen', 'home'], ['handmade']]) : [''],
    meta_description: hasSeo ? `${name} is a modern brand.` : '',
    image_url: rng.chance(0.3)
      ? `https://cdn11.bigcommerce.com/s-${ctx.storeHash}/product_images/${path.slice(0, 1)}/${path}__${rng.int(10000, 99999)}.png`
      : '',
    search_keywords: hasSeo ? path.replace(/-/g, ', ') : '',
    custom_url: rng.chance(0.5)
      ? { url: `/brands/${name.replace(/[^A-Za-z0-9]+/g, '-')}.html`, is_customized: false }
      : { url: `/${path}/`, is_customized: false },
  };
}
