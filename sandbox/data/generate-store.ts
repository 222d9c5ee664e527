import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject } from './context.js';
import { PICKUP_LOCATION } from './order-consignments.js';
import { FIRST_NAMES, LAST_NAMES } from './words.js';

const STORE_TAG = streamTag('store');
const STORE_NAMES = ['Sandbox Outfitters', 'Northwind Goods', 'Blue Harbor Supply', 'Maple & Pine Co'] as const;

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * `GET /v2/store` (`StoreInformation`): the store hash as `id`, USD as the default currency (currency 1), channel 1
 * as the default channel, the pickup location's address. `logo` is an object or, as the spec allows, an empty
 * array (drawn from the seed).
 */
export function storeBody(ctx: GenContext): JsonObject {
  const rng = rngFor(ctx.seed, STORE_TAG, 1);
  const name = rng.pick(STORE_NAMES);
  const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
  const hash = ctx.storeHash;
  return {
    id: hash,
    account_uuid: uuid(() => rng.next()),
    domain,
    secure_url: `https://${domain}`,
    control_panel_base_url: `https://store-${hash}.mybigcommerce.com`,
    status: 'live',
    name,
    first_name: rng.pick(FIRST_NAMES),
    last_name: rng.pick(LAST_NAMES),
    address: `${PICKUP_LOCATION.address_line_1}, ${PICKUP_LOCATION.city}, ${PICKUP_LOCATION.state} ${PICKUP_LOCATION.postal_code}`,
    country: 'United States',
    country_code: 'US',
    infrastructure_region: 'us-central1',
    phone: PICKUP_LOCATION.phone,
    admin_email: `owner@${domain}`,
    order_email: `orders@${domain}`,
    favicon_url: `https://cdn11.bigcommerce.com/s-${hash}/product_images/favicon.ico`,
    timezone: {
      name: 'America/Chicago',
      raw_offset: -21600,
      dst_offset: -18000,
      dst_correction: true,
      date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
    },
    language: 'en',
    currency: 'USD',
    currency_symbol: '$',
    decimal_separator: '.',
    thousands_separator: ',',
    decimal_places: 2,
    currency_symbol_location: 'left',
    weight_units: 'LBS',
    dimension_units: 'Inches',
    dimension_decimal_places: 2,
    dimension_decimal_token: '.',
    dimension_thousands_token: ',',
    plan_name: rng.pick(['Standard', 'Plus', 'Pro']),
    plan_level: 'Standard',
    plan_is_trial: false,
    industry: 'Apparel & Fashion',
    logo: rng.chance(0.5) ? { url: `https://cdn11.bigcommerce.com/s-${hash}/product_images/logo.png` } : [],
    is_price_entered_with_tax: false,
    store_id: 1_000_000_000 + rng.int(0, 99_999_999),
    default_channel_id: 1,
    default_site_id: 1000,
    active_comparison_modules: [],
    features: {
      stencil_enabled: true,
      sitewidehttps_enabled: true,
      facebook_catalog_id: '',
      checkout_type: 'optimized',
      wishlists_enabled: true,
      graphql_storefront_api_enabled: true,
      shopper_consent_tracking_enabled: rng.chance(0.5),
      multi_storefront_enabled: true,
      storefront_limits: { active: 1, total_including_inactive: 1 },
    },
  };
}
