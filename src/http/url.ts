import type { ApiVersion, QueryValue } from './types.js';

/**
 * Encodes query parameters in order, each key and value with `encodeURIComponent` (so `+` becomes `%2B`),
 * keeping `:` readable in filter keys like `date_modified:min`. Undefined values are skipped.
 */
export function encodeQuery(query: Record<string, QueryValue | undefined> | undefined): string {
  if (query === undefined) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out === '' ? '' : '&'}${encodeComponent(key)}=${encodeComponent(String(value))}`;
  }
  return out;
}

function encodeComponent(text: string): string {
  const encoded = encodeURIComponent(text);
  // encodeURIComponent writes upper-case hex: `%3A`, never `%3a`.
  return encoded.includes('%3A') ? encoded.replaceAll('%3A', ':') : encoded;
}

/** `/v2/orders?limit=250`: what logs and error details may show (no host, no token). */
export function displayTarget(apiVersion: ApiVersion, path: string, queryString: string): string {
  return `/${apiVersion}${path}${queryString === '' ? '' : `?${queryString}`}`;
}

/** `{api_url}/stores/{hash}`: the root of every URL the tap requests, built once per client. */
export function storeBaseUrl(apiUrl: string, storeHash: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/stores/${encodeURIComponent(storeHash)}`;
}

/** The full URL, always built from `api_url` (never from a URL found in a response). */
export function buildUrl(apiUrl: string, storeHash: string, apiVersion: ApiVersion, path: string, queryString: string): string {
  const cleanPath = path.startsWith('/') ? path : `/${path}`;
  return `${storeBaseUrl(apiUrl, storeHash)}/${apiVersion}${cleanPath}${queryString === '' ? '' : `?${queryString}`}`;
}
