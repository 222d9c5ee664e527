import { isoZ } from '../format.js';
import { type Rng, rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { orderPlan } from './order-plan.js';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from './words.js';

const SUBSCRIBERS_TAG = streamTag('subscribers');

type Source = 'storefront' | 'order' | 'custom';

interface SubscriberCore {
  source: Source;
  orderId: number | null;
  firstName: string;
  lastName: string;
  email: string;
  channelId: number;
}

function emailLocal(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
}

/**
 * Who subscribed and how: at checkout (`order`: the buyer of an order, with its id), on the storefront's
 * newsletter form, or imported (`custom`). Emails are unique, as the API requires: each holds the subscriber id.
 */
function subscriberCore(ctx: GenContext, id: number): SubscriberCore {
  const rng = rngFor(ctx.seed, SUBSCRIBERS_TAG, id, 0, 1);
  const r = rng.next();
  const source: Source = r < 0.35 ? 'order' : r < 0.9 ? 'storefront' : 'custom';
  const channelId = rng.chance(0.95) ? 1 : 2;
  const orderId = source === 'order' ? ctx.pickId('orders', rng) : 0;
  if (orderId !== 0) {
    const buyer = orderPlan(ctx, { id: orderId, createdSec: 0, modifiedSec: 0, version: 0 }).buyer;
    const [local, domain] = buyer.email.split('@');
    return { source, orderId, firstName: buyer.firstName, lastName: buyer.lastName, email: `${local}+s${id}@${domain}`, channelId };
  }
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const email = `${emailLocal(firstName, lastName)}.s${id}@${rng.pick(EMAIL_DOMAINS)}`;
  // No orders in the store: an order subscriber becomes a storefront one.
  return { source: source === 'order' ? 'storefront' : source, orderId: null, firstName, lastName, email, channelId };
}

/** Consents now: a new subscriber has the newsletter (checkout ones often abandoned-cart emails too); an edit may unsubscribe. */
function consents(core: SubscriberCore, version: number, rng: Rng): string[] {
  if (version === 0)
    return core.source === 'order' && rng.chance(0.5) ? ['marketing_newsletter', 'abandoned_cart'] : ['marketing_newsletter'];
  const r = rng.next();
  if (r < 0.4) return [];
  return r < 0.7 ? ['marketing_newsletter'] : ['marketing_newsletter', 'abandoned_cart'];
}

/** A v3 subscriber (`subscriber_Full`): ISO 8601 `Z` dates, `order_id` null unless subscribed at checkout. */
export function subscriberBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const core = subscriberCore(ctx, meta.id);
  const edit = rngFor(ctx.seed, SUBSCRIBERS_TAG, meta.id, meta.version, 2);
  return {
    id: meta.id,
    email: core.email,
    first_name: core.firstName,
    last_name: core.lastName,
    source: core.source,
    order_id: core.orderId,
    channel_id: core.channelId,
    consents: consents(core, meta.version, edit),
    date_modified: isoZ(meta.modifiedSec),
    date_created: isoZ(meta.createdSec),
  };
}
