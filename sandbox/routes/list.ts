/** The list route of a collection or derived stream, built from its spec: one handler for v2 and v3 lists. */
import type { JsonObject } from '../data/context.js';
import type { ResolvedOptions } from '../options.js';
import { select } from '../query.js';
import type { ServedStream } from '../served.js';
import { collectionSource, type RecordSource } from '../sources.js';
import type { Store } from '../store.js';
import type { ArchiveSpec, CollectionSpec, DerivedSpec, ListEndpoint, RecordView } from '../streams/spec.js';
import { readPaging, rejectUnknownFilters } from './params.js';
import { readSelection } from './selection.js';
import { readSort } from './sort.js';
import type { RouteHandler } from './types.js';
import { unpaged } from './unpaged.js';
import { v2Page } from './v2-list.js';
import { cursorPage, isCursorRequest } from './v3-cursor.js';
import { v3Page } from './v3-list.js';

/** What an endpoint without paging reads from any `page` and `limit`: nothing. */
const UNPAGED = { ok: true, value: { limit: Number.POSITIVE_INFINITY, page: 1 } } as const;

/** Every parameter a strict (v3) endpoint knows: paging, sort, cursor, its filters, render hook and ignored ones. */
export function allowedParams(endpoint: ListEndpoint, archive?: ArchiveSpec): Set<string> {
  const allowed = new Set(['page', 'limit', ...endpoint.idFilters, ...Object.keys(endpoint.filters ?? {})]);
  if (endpoint.sort) allowed.add('sort');
  if (endpoint.sort?.style === 'direction') allowed.add('direction');
  if (endpoint.hasCursor) for (const p of ['after', 'before']) allowed.add(p);
  for (const f of endpoint.dateFilters ?? []) for (const name of [f.min, f.max, f.eq]) if (name) allowed.add(name);
  for (const p of [...(endpoint.render?.params ?? []), ...(endpoint.strict?.ignored ?? [])]) allowed.add(p);
  if (archive) allowed.add(archive.param);
  return allowed;
}

/** The body a list (or single-record route) serves: the render hook applied to the full body. */
export function renderRecord(endpoint: ListEndpoint, record: RecordView, query: URLSearchParams, options: ResolvedOptions): JsonObject {
  return endpoint.render ? endpoint.render.render(record.body(), query, record, options) : record.body();
}

export function sourceOf(store: Store, spec: CollectionSpec | DerivedSpec): RecordSource {
  return spec.kind === 'collection' ? collectionSource(store, spec.stream) : store.children.source(spec.stream);
}

/**
 * `GET {path}`: strict parameter check (v3), paging, filters, cursor or sort, then the page in the endpoint's
 * envelope: a bare array or 204 (v2), `{data, meta}` (v3).
 */
export function listHandler(served: ServedStream): RouteHandler {
  const spec = served.spec as CollectionSpec | DerivedSpec;
  const endpoint = spec.list;
  const archive = spec.kind === 'collection' ? spec.archive : undefined;
  const allowed = allowedParams(endpoint, archive);
  return (request) => {
    const { query, store, options } = request;
    if (endpoint.strict) {
      const unknown = rejectUnknownFilters(query, allowed);
      if (unknown) return unknown;
    }
    const paging = endpoint.isUnpaged ? UNPAGED : readPaging(query, endpoint.envelope, options);
    if (!paging.ok) return paging.reply;
    const source = sourceOf(store, spec);
    const selection = readSelection(query, endpoint, archive, source, options);
    if (!selection.ok) return selection.reply;
    const c = source.collection;
    const idOf = (slot: number) => c.ids[slot] ?? 0;
    const render = (slot: number) => renderRecord(endpoint, source.view(slot), query, options);
    const limit = Math.min(paging.value.limit, endpoint.pageCap?.(query) ?? Number.POSITIVE_INFINITY);
    if (endpoint.hasCursor && isCursorRequest(query)) {
      return cursorPage(query, select(c, selection.value, { by: 'id' }, false), idOf, limit, render);
    }
    const sort = readSort(query, endpoint, source);
    if (!sort.ok) return sort.reply;
    const all = select(c, selection.value, sort.value.sort, sort.value.descending);
    if (endpoint.isUnpaged) return unpaged(endpoint.envelope, all, query, render);
    if (endpoint.envelope === 'v2') return v2Page(all, paging.value.page, limit, render);
    return v3Page(query, all, paging.value.page, limit, render, idOf, {
      hasTooManyFlag: endpoint.hasTooManyFlag ?? false,
      hasCursor: endpoint.hasCursor ?? false,
    });
  };
}
