import { isoZ } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { storeBody } from './generate-store.js';
import { settingsDates } from './settings-dates.js';
import { CURRENCIES } from './words.js';

const CHANNELS_TAG = streamTag('channels');

interface ChannelCore {
  name: string;
  type: 'storefront' | 'marketplace' | 'marketing' | 'pos';
  platform: string;
  status: string;
  isListableFromUi: boolean;
  currencies: readonly string[];
}

/**
 * The channels other streams name: channel 1 is the default storefront (every order's and customer's channel,
 * named after the store), then a marketplace, a social shop and a point of sale, with ids like the spec's.
 */
export const CHANNEL_IDS = [1, 664179, 667159, 701235] as const;

const KNOWN: Readonly<Record<number, Omit<ChannelCore, 'name'> & { name?: string }>> = {
  1: { type: 'storefront', platform: 'bigcommerce', status: 'active', isListableFromUi: true, currencies: CURRENCIES.map((c) => c.code) },
  664179: { name: 'Amazon US', type: 'marketplace', platform: 'amazon', status: 'connected', isListableFromUi: true, currencies: ['USD'] },
  667159: { name: 'Meta Shops', type: 'marketplace', platform: 'meta', status: 'connected', isListableFromUi: false, currencies: ['USD'] },
  701235: { name: 'Square POS', type: 'pos', platform: 'square', status: 'disconnected', isListableFromUi: false, currencies: ['USD'] },
};

const ENABLED_STATUSES = new Set(['prelaunch', 'active', 'connected']);

function channelCore(ctx: GenContext, id: number): ChannelCore {
  const known = KNOWN[id];
  if (known !== undefined) return { ...known, name: known.name ?? String(storeBody(ctx).name) };
  const rng = rngFor(ctx.seed, CHANNELS_TAG, id, 0, 1);
  return {
    name: `Headless storefront ${id}`,
    type: 'storefront',
    platform: rng.pick(['next', 'catalyst', 'wordpress']),
    status: rng.pick(['prelaunch', 'active', 'inactive']),
    isListableFromUi: true,
    currencies: ['USD'],
  };
}

/** A channel (`ChannelWithCurrencies`): the list renders `currencies` only with `include=currencies`. */
export function channelBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const core = channelCore(ctx, meta.id);
  const dates = settingsDates(meta, rngFor(ctx.seed, CHANNELS_TAG, meta.id, 0, 2));
  const iconPlatform = core.platform === 'meta' ? 'facebook' : core.platform;
  return {
    id: meta.id,
    external_id: '',
    is_listable_from_ui: core.isListableFromUi,
    is_enabled: ENABLED_STATUSES.has(core.status),
    is_visible: true,
    status: core.status,
    name: core.name,
    type: core.type,
    platform: core.platform,
    date_created: isoZ(dates.createdSec),
    date_modified: isoZ(dates.modifiedSec),
    icon_url: `https://storage.googleapis.com/bigcommerce-production-dev-center/images/${iconPlatform}_icon.svg`,
    currencies: { channel_id: meta.id, enabled_currencies: [...core.currencies], default_currency: 'USD' },
  };
}
