import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';

const PAGES_TAG = streamTag('pages');
const INSTAGRAM = 'https://www.instagram.com/example';

type PageType = 'page' | 'raw' | 'contact_form' | 'link' | 'blog';

interface PageCore {
  name: string;
  type: PageType;
  isCustomersOnly?: boolean;
}

/** A storefront's usual pages, in the order a merchant creates them; later pages are more text pages. */
const USUAL: readonly PageCore[] = [
  { name: 'Shipping & Returns', type: 'page' },
  { name: 'Contact Us', type: 'contact_form' },
  { name: 'Blog', type: 'blog' },
  { name: 'About Us', type: 'page' },
  { name: 'Size Guide', type: 'raw' },
  { name: 'Follow us on Instagram', type: 'link' },
  { name: 'Wholesale Program', type: 'page', isCustomersOnly: true },
  { name: 'Privacy Policy', type: 'page' },
];

const slug = (name: string) =>
  `/${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}/`;

function pageCore(id: number, firstId: number): PageCore {
  return USUAL[id - firstId] ?? { name: `Lookbook ${id}`, type: 'page' };
}

/**
 * A v3 content page of the default storefront (channel 1), with the fields of its type (pages.v3.yml: meta and
 * search keywords on markup pages, `email`/`contact_fields` on contact forms, `content_type` on raw pages, `link`
 * on links); `body` only on pages with content (an empty one on the blog), rendered with `include=body`.
 */
export function pageBody(ctx: GenContext, meta: RecordMeta, firstId: number): JsonObject {
  const core = pageCore(meta.id, firstId);
  const rng = rngFor(ctx.seed, PAGES_TAG, meta.id, 0, 1);
  const isChild = core.type === 'raw' && meta.id !== firstId;
  const base: JsonObject = {
    id: meta.id,
    channel_id: 1,
    name: core.name,
    is_visible: rng.chance(0.9),
    parent_id: isChild ? firstId : 0,
    sort_order: meta.id - firstId,
    type: core.type,
    is_homepage: false,
    is_customers_only: core.isCustomersOnly ?? false,
    url: core.type === 'link' ? INSTAGRAM : slug(core.name),
  };
  const keywords = { meta_title: core.name, meta_keywords: '', meta_description: rng.chance(0.5) ? `${core.name} at our store` : '' };
  const search = { search_keywords: core.name.toLowerCase().split(/\W+/).filter(Boolean).join(',') };
  switch (core.type) {
    case 'link':
      return { ...base, link: INSTAGRAM };
    case 'raw':
      return {
        ...base,
        ...search,
        body: `<table class="size-guide"><tr><th>Size</th><th>Chest (in)</th></tr></table>`,
        content_type: 'text/html',
      };
    case 'contact_form':
      return {
        ...base,
        ...keywords,
        ...search,
        body: '<p>We answer within a day.</p>',
        email: 'support@example.com',
        contact_fields: 'fullname,phone,orderno',
      };
    case 'blog':
      return { ...base, ...keywords, ...search, body: '' };
    default:
      return { ...base, ...keywords, ...search, body: `<p>${core.name}: everything you need to know.</p>` };
  }
}
