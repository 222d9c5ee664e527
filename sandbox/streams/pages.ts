import type { JsonObject } from '../data/context.js';
import { pageBody } from '../data/generate-pages.js';
import { intEquals, textEquals, textLike } from './filters.js';
import { defineCollection } from './spec.js';

const FIRST_PAGE_ID = 1;

/** `body` only with `include=body`. */
function renderBody(body: JsonObject, query: URLSearchParams): JsonObject {
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()));
  if (include.has('body') || !('body' in body)) return body;
  const { body: _markup, ...rest } = body;
  return rest;
}

/**
 * `GET /v3/content/pages` (pages.v3.yml): `channel_id`, `id:in`, `name`, `name:like` (name or body),
 * `include=body`, `page` and `limit`; id order; a 422 for any other parameter.
 */
export const pages = defineCollection({
  stream: 'pages',
  resource: 'content',
  defaultSize: 8,
  firstId: FIRST_PAGE_ID,
  hasDateModified: false,
  isLive: false,
  body: (ctx, meta) => pageBody(ctx, meta, FIRST_PAGE_ID),
  list: {
    envelope: 'v3',
    idFilters: ['id:in'],
    strict: { ignored: [] },
    filters: {
      channel_id: intEquals((r) => Number(r.body().channel_id)),
      name: textEquals((r) => String(r.body().name)),
      'name:like': textLike((r) => `${String(r.body().name)} ${String(r.body().body ?? '')}`),
    },
    render: { params: ['include'], render: renderBody },
  },
  hasSingle: true,
});
