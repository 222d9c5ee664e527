import type { GenContext, JsonObject, RecordMeta } from './context.js';

const STOREFRONTS = ['Main storefront', 'Wholesale storefront', 'Outlet storefront', 'EU storefront', 'Marketplace storefront'] as const;

/**
 * The channel a tree is assigned to: tree 1 to channel 1 (the default storefront), tree n to channel n (a tree
 * belongs to one channel, per the spec's upsert notes).
 */
export function treeChannelId(treeId: number): number {
  return treeId;
}

/** A v3 category tree (`Tree`): id, name and the channels it is assigned to. */
export function categoryTreeBody(_ctx: GenContext, meta: RecordMeta): JsonObject {
  return { id: meta.id, name: STOREFRONTS[meta.id - 1] ?? `Storefront ${meta.id}`, channels: [treeChannelId(meta.id)] };
}
