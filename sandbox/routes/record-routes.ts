/** The routes beside a list, built from specs: single record, count, a record's extra routes, per-parent lists. */

import { select } from '../query.js';
import { json, notFound, type Reply } from '../responses.js';
import type { ServedStream } from '../served.js';
import type { CollectionSpec, DerivedSpec, Envelope, ExtraRoute, PerParentSpec, SingletonSpec } from '../streams/spec.js';
import { renderRecord, sourceOf } from './list.js';
import { pageOfItems } from './paged-items.js';
import { readSelection } from './selection.js';
import type { RouteHandler, RouteRequest } from './types.js';

const missing = (envelope: Envelope): Reply => notFound(envelope);

/** The slot of the record named by the path's id in a collection or derived list, or -1. */
function slotOf(request: RouteRequest, spec: CollectionSpec | DerivedSpec): number {
  if (spec.kind === 'collection') return request.store.liveSlotOf(spec.stream, request.id ?? -1);
  return sourceOf(request.store, spec).collection.slotOf(request.id ?? -1);
}

/** `GET {path}/{id}`: v2 a bare object, v3 `{data, meta: {}}`, with the list's render hook; 404 when absent. */
export function singleHandler(served: ServedStream): RouteHandler {
  const spec = served.spec as CollectionSpec | DerivedSpec;
  const envelope = spec.list.envelope;
  return (request) => {
    const slot = slotOf(request, spec);
    if (slot < 0) return missing(envelope);
    const record = sourceOf(request.store, spec).view(slot);
    const body = renderRecord(spec.list, record, request.query, request.options);
    return json(200, envelope === 'v2' ? body : { data: body, meta: {} });
  };
}

/** `GET /v2/store`: the one object, bare (v2) or in `{data, meta: {}}` (v3); query parameters change nothing. */
export function singletonHandler(served: ServedStream): RouteHandler {
  const spec = served.spec as SingletonSpec;
  return (request) => {
    const body = spec.body(request.store.ctx);
    return json(200, spec.envelope === 'v2' ? body : { data: body, meta: {} });
  };
}

/** `GET {countPath}`: the list's filters, the spec's count body (default `{count}`). */
export function countHandler(served: ServedStream): RouteHandler {
  const spec = served.spec as CollectionSpec;
  return (request) => {
    const source = sourceOf(request.store, spec);
    const selection = readSelection(request.query, spec.list, spec.archive, source, request.options);
    if (!selection.ok) return selection.reply;
    const slots = select(source.collection, selection.value, { by: 'id' }, false);
    if (spec.countBody === undefined) return json(200, { count: slots.length });
    return json(200, spec.countBody(slots.map((slot) => source.view(slot))));
  };
}

/** A collection's extra route: 404 when the record named by `{id}` is absent, else the spec's reply. */
export function extraHandler(served: ServedStream, route: ExtraRoute): RouteHandler {
  const spec = served.spec as CollectionSpec;
  return (request) => {
    const slot = slotOf(request, spec);
    if (slot < 0) return missing(spec.list.envelope);
    const record = request.store.view(spec.stream, slot);
    return route.reply({ record, subId: request.subId, query: request.query, options: request.options });
  };
}

/** `GET /orders/{order_id}/transactions`: the parent's children, paged in the envelope; 404 for no such parent. */
export function perParentHandler(served: ServedStream): RouteHandler {
  const spec = served.spec as PerParentSpec;
  return (request) => {
    const children = request.store.children.ofParent(spec.stream, request.id ?? -1);
    if (children === null) return missing(spec.envelope);
    const bodies = children.map((child) => child.body);
    return pageOfItems(bodies, spec.envelope, request.query, request.options, spec.isEmptyNoContent ?? false);
  };
}
