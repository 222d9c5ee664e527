/** The v3 list envelope: `meta.pagination` with relative query-string links that echo the request. */

function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** `?a=1&b=2` from the request's parameters minus `drop`, plus `extra` at the end. */
export function queryLink(query: URLSearchParams, drop: readonly string[], extra: ReadonlyArray<[string, string]>): string {
  const parts: string[] = [];
  for (const [key, value] of query) if (!drop.includes(key)) parts.push(`${encodePart(key)}=${encodePart(value)}`);
  for (const [key, value] of extra) parts.push(`${encodePart(key)}=${encodeURIComponent(value)}`);
  return `?${parts.join('&')}`;
}

export interface PaginationMeta {
  total: number;
  count: number;
  per_page: number;
  current_page: number;
  total_pages: number;
  links: { previous?: string; current: string; next?: string };
  too_many?: boolean;
}

/** `previous` is omitted on page 1 and `next` on the last page (or past it). */
export function paginationMeta(
  query: URLSearchParams,
  total: number,
  count: number,
  perPage: number,
  page: number,
  includeTooMany: boolean,
): PaginationMeta {
  const totalPages = Math.ceil(total / perPage);
  const link = (p: number): string => queryLink(query, ['page'], [['page', String(p)]]);
  const links: PaginationMeta['links'] = {} as PaginationMeta['links'];
  if (page > 1) links.previous = link(page - 1);
  links.current = link(page);
  if (page < totalPages) links.next = link(page + 1);
  const meta: PaginationMeta = { total, count, per_page: perPage, current_page: page, total_pages: totalPages, links };
  if (includeTooMany) meta.too_many = false;
  return meta;
}
