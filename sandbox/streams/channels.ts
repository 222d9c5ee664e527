import type { JsonObject } from '../data/context.js';
import { CHANNEL_IDS, channelBody } from '../data/generate-channels.js';
import { booleanEquals, textIn } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const text = (field: string) => (record: RecordView) => String(record.body()[field] ?? '');
/** The statuses `available=true` returns (channels.v3.yml); `false` returns the others. */
const AVAILABLE = new Set(['prelaunch', 'active', 'inactive', 'connected']);

/** `currencies` only with `include=currencies`. */
function renderCurrencies(body: JsonObject, query: URLSearchParams): JsonObject {
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()));
  const { currencies, ...rest } = body;
  return include.has('currencies') ? { ...rest, currencies } : rest;
}

/**
 * `GET /v3/channels` (channels.v3.yml): no id filter, no sort (id order), `available`, `status:in`, `type:in`,
 * `platform:in`, date filters and `include=currencies`; a 422 for any other parameter. The date_created filters
 * are accepted without filtering (the index keeps one date per channel: its last change).
 */
export const channels = defineCollection({
  stream: 'channels',
  resource: 'channel_settings',
  defaultSize: CHANNEL_IDS.length,
  firstId: 1,
  ids: CHANNEL_IDS,
  hasDateModified: false,
  isLive: false,
  body: channelBody,
  list: {
    envelope: 'v3',
    idFilters: [],
    dateFilters: [{ field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' }],
    strict: { ignored: ['date_created', 'date_created:min', 'date_created:max'] },
    filters: {
      available: booleanEquals((r) => AVAILABLE.has(text('status')(r))),
      'status:in': textIn(text('status')),
      'type:in': textIn(text('type')),
      'platform:in': textIn(text('platform')),
    },
    render: { params: ['include'], render: renderCurrencies },
  },
  hasSingle: true,
});
