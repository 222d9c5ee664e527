import type { ApiVersion } from '../src/http/types.js';
import { listHandler } from './routes/list.js';
import { countHandler, extraHandler, perParentHandler, singleHandler, singletonHandler } from './routes/record-routes.js';
import type { RouteHandler } from './routes/types.js';
import { getTime } from './routes/v2-time.js';
import { SandboxSpecError, type ServedStream } from './served.js';
import { modifyScopeIdOf, type Resource, scopeIdOf } from './streams/spec.js';

/** Either the resource's read-only or its modify scope grants access. */
export function scopeGrants(resource: Resource, scopes: ReadonlySet<string>): boolean {
  return scopes.has(scopeIdOf(resource)) || scopes.has(modifyScopeIdOf(resource));
}

export interface Route {
  /** Stats key: `GET /v2/orders/{id}/products`. */
  key: string;
  resource: Resource;
  handler: RouteHandler;
  /** Paged collection requests count toward live changes. */
  isList: boolean;
}

interface RouteDef extends Route {
  version: ApiVersion;
  pattern: RegExp;
}

/** `{order_id}`, `{id}`, `{sub}`: each a number in the path. */
const PLACEHOLDER = /\{[a-z_]+\}/g;

/** The routes of every served stream (list, count, single, extras, per-parent lists) plus `/v2/time`. */
export class RouteTable {
  private readonly defs: RouteDef[] = [];

  constructor(streams: readonly ServedStream[]) {
    for (const served of streams) this.addStream(served);
    this.add('v2', '/time', 'information', getTime, false);
  }

  private add(version: ApiVersion, path: string, resource: Resource, handler: RouteHandler, isList: boolean): void {
    const pattern = new RegExp(`^${path.replace(PLACEHOLDER, '(\\d+)')}$`);
    const clash = this.defs.find((d) => d.version === version && d.pattern.source === pattern.source);
    if (clash) throw new SandboxSpecError(`two sandbox routes serve GET /${version}${path} (${clash.key}): give each path to one spec`);
    this.defs.push({ version, pattern, key: `GET /${version}${path}`, resource, handler, isList });
  }

  private addStream(served: ServedStream): void {
    const { definition, spec } = served;
    const version = definition.api;
    if (spec.kind === 'per-parent') {
      for (const path of [definition.path, ...(spec.aliases ?? [])])
        this.add(version, path, spec.resource, perParentHandler(served), false);
      return;
    }
    if (spec.kind === 'singleton') {
      this.add(version, definition.path, spec.resource, singletonHandler(served), false);
      return;
    }
    this.add(version, definition.path, spec.resource, listHandler(served), true);
    if (spec.hasSingle) this.add(version, `${definition.path}/{id}`, spec.resource, singleHandler(served), false);
    if (spec.kind !== 'collection') return;
    if (definition.countPath !== undefined) this.add(version, definition.countPath, spec.resource, countHandler(served), false);
    for (const route of spec.extraRoutes ?? []) {
      this.add(version, `${definition.path}${route.path}`, spec.resource, extraHandler(served, route), false);
    }
  }

  /** The route for a path below `/stores/{hash}/{version}`, with its numbers, or null. */
  match(version: ApiVersion, path: string): { route: Route; id?: number; subId?: number } | null {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    for (const def of this.defs) {
      if (def.version !== version) continue;
      const match = def.pattern.exec(trimmed);
      if (!match) continue;
      const [, id, subId] = match;
      return { route: def, id: id === undefined ? undefined : Number(id), subId: subId === undefined ? undefined : Number(subId) };
    }
    return null;
  }
}
