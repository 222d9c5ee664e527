import type { RouteHandler } from './routes/types.js';
import { countCoupons, getCoupon, listCoupons } from './routes/v2-coupons.js';
import { countOrders, getOrder, listOrders, orderSubResource, shippingQuotes } from './routes/v2-orders.js';
import { getTime } from './routes/v2-time.js';
import { listCustomers } from './routes/v3-customers.js';
import { getProduct, listProducts } from './routes/v3-products.js';

/** Which OAuth resource a route belongs to; either its read-only or its modify scope grants access. */
export type Resource = 'marketing' | 'customers' | 'orders' | 'products' | 'information';

export function scopeGrants(resource: Resource, scopes: ReadonlySet<string>): boolean {
  return scopes.has(`store_v2_${resource}_read_only`) || scopes.has(`store_v2_${resource}`);
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
  version: 'v2' | 'v3';
  pattern: RegExp;
}

const ID = '(\\d+)';
const defs: RouteDef[] = [];
function add(version: 'v2' | 'v3', path: string, resource: Resource, handler: RouteHandler, isList = false, key = path): void {
  const pattern = new RegExp(`^${path.replace(/\{id\}/g, ID).replace(/\{sub\}/g, '\\d+')}$`);
  defs.push({ version, pattern, key: `GET /${version}${key}`, resource, handler, isList });
}

add('v2', '/coupons', 'marketing', listCoupons, true);
add('v2', '/coupons/count', 'marketing', countCoupons);
add('v2', '/coupons/{id}', 'marketing', getCoupon);
add('v2', '/orders', 'orders', listOrders, true);
add('v2', '/orders/count', 'orders', countOrders);
add('v2', '/orders/{id}', 'orders', getOrder);
add('v2', '/orders/{id}/products', 'orders', orderSubResource('products'));
add('v2', '/orders/{id}/shipping_addresses', 'orders', orderSubResource('shipping_addresses'));
add('v2', '/orders/{id}/shippingaddresses', 'orders', orderSubResource('shipping_addresses'));
add('v2', '/orders/{id}/coupons', 'orders', orderSubResource('coupons'));
for (const a of ['shipping_addresses', 'shippingaddresses']) {
  for (const q of ['shipping_quotes', 'shippingquotes']) {
    add('v2', `/orders/{id}/${a}/{sub}/${q}`, 'orders', shippingQuotes, false, `/orders/{id}/${a}/{sub}/${q}`);
  }
}
add('v2', '/time', 'information', getTime);
add('v3', '/customers', 'customers', listCustomers, true);
add('v3', '/catalog/products', 'products', listProducts, true);
add('v3', '/catalog/products/{id}', 'products', getProduct);

/** The route for a path below `/stores/{hash}/{version}`, with its numeric id, or null. */
export function matchRoute(version: 'v2' | 'v3', path: string): { route: Route; id?: number } | null {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const def of defs) {
    if (def.version !== version) continue;
    const match = def.pattern.exec(trimmed);
    if (match) return { route: def, id: match[1] === undefined ? undefined : Number(match[1]) };
  }
  return null;
}
