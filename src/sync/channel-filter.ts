import type { Query, StreamDefinition } from '../streams/types.js';

/**
 * The `channel_ids` setting as a list query: `channel_id:in=1,2` where the endpoint takes a list, `channel_id=1`
 * where it takes one id and one is configured; nothing otherwise (the tap filters the records).
 */
export function channelQuery(definition: StreamDefinition, channelIds: readonly number[] | undefined): Query {
  const filter = definition.channels;
  if (!channelIds || !filter?.param) return {};
  if (filter.isParamList) return { [filter.param]: channelIds.join(',') };
  return channelIds.length === 1 ? { [filter.param]: channelIds[0] } : {};
}

/** The tap-side channel filter a stream needs when its query can't say it all; null when none. */
export function channelRecordFilter(
  definition: StreamDefinition,
  channelIds: readonly number[] | undefined,
): ((record: Record<string, unknown>) => boolean) | null {
  const filter = definition.channels;
  if (!channelIds || !filter?.recordFields || Object.keys(channelQuery(definition, channelIds)).length > 0) return null;
  const wanted = new Set(channelIds);
  const fields = filter.recordFields;
  return (record) =>
    fields.some(({ field, isList }) => {
      const value = record[field];
      if (isList) return value === null || value === undefined || (Array.isArray(value) && value.some((v) => wanted.has(Number(v))));
      return value !== null && value !== undefined && wanted.has(Number(value));
    });
}

/** True when a bookmark made with `saved` channels misses some of `now` (undefined: every channel). */
export function isChannelListWidened(saved: readonly number[] | undefined, now: readonly number[] | undefined): boolean {
  if (saved === undefined) return false;
  if (now === undefined) return true;
  return now.some((id) => !saved.includes(id));
}
