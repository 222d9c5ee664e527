import { defineStream } from './types.js';

/**
 * `GET /v3/content/pages` (pages.v3.yml): `id:in`, `name`, `name:like` and `channel_id` filters, no range and
 * no sort: walked by page. `include=body` adds each page's markup. A single configured channel is sent as
 * `channel_id`; several are filtered on the record's `channel_id`.
 */
export const pages = defineStream({
  name: 'pages',
  api: 'v3',
  path: '/content/pages',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Content', id: 'store_v2_content_read_only' },
  description: 'web pages of each storefront (text, raw HTML, contact forms, links, blogs) with their body',
  requestCost: '1 per 250 pages, + 1 (the end)',
  query: { include: 'body' },
  channels: { param: 'channel_id', isParamList: false, recordFields: [{ field: 'channel_id', isList: false }] },
});
