import type { JsonObject } from '../data/context.js';
import { promotionBody } from '../data/generate-promotions.js';
import { oneOf, textEquals } from './filters.js';
import { defineCollection, type ParamFilter, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');
const codeOf = (record: RecordView) => String((record.body().codes as JsonObject | null | undefined)?.code ?? '');

/** `channels=1,2`: promotions targeting one of them, and those targeting every channel (`channels: []`). */
const channelsFilter: ParamFilter = (raw) => {
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) return { ok: false, expected: 'expected comma-separated integers' };
  const wanted = new Set(parts.map(Number));
  return {
    ok: true,
    test: (record) => {
      const channels = record.body().channels as Array<{ id: number }>;
      return channels.length === 0 || channels.some((channel) => wanted.has(channel.id));
    },
  };
};

/** `query=…`: the name or the code contains the text. */
const queryFilter: ParamFilter = (raw) => {
  const wanted = raw.toLowerCase();
  return { ok: true, test: (record) => [text('name')(record), codeOf(record)].some((value) => value.toLowerCase().includes(wanted)) };
};

/**
 * `GET /v3/promotions` (promotions.v3.yml): `id`, `name`, `code`, `currency_code`, `redemption_type`, `status`,
 * `channels`, `query`, `sort` (id, name, priority, start_date) with `direction`; id ascending by default; page
 * numbers (no cursor, no id range); a 422 for any other parameter.
 */
export const promotions = defineCollection({
  stream: 'promotions',
  resource: 'marketing',
  defaultSize: 30,
  firstId: 1,
  hasDateModified: false,
  isLive: false,
  body: promotionBody,
  list: {
    envelope: 'v3',
    idFilters: ['id'],
    sort: {
      style: 'direction',
      fields: { id: 'id', name: (r) => text('name')(r), priority: 'id', start_date: 'date_created' },
    },
    strict: { ignored: [] },
    filters: {
      name: textEquals(text('name')),
      code: textEquals(codeOf),
      currency_code: textEquals(text('currency_code')),
      redemption_type: oneOf(['automatic', 'coupon'], (r) => text('redemption_type')(r).toLowerCase()),
      status: textEquals(text('status')),
      channels: channelsFilter,
      query: queryFilter,
    },
  },
  hasSingle: true,
});
