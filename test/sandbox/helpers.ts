import type { SandboxHandle } from '../../sandbox/index.js';

export interface Got {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined for an empty body). */
  body: any;
}

/** GET `/stores/{hash}{path}` with the sandbox token unless `headers` overrides it. */
export async function get(sandbox: SandboxHandle, path: string, headers: Record<string, string> = {}): Promise<Got> {
  const response = await fetch(`${sandbox.url}/stores/${sandbox.storeHash}${path}`, {
    headers: { 'X-Auth-Token': sandbox.accessToken, Accept: 'application/json', ...headers },
  });
  const text = await response.text();
  let body: unknown;
  if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body };
}

/** Every record of a v2 list, page by page until 204. */
export async function allV2(sandbox: SandboxHandle, path: string, limit = 250): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const got = await get(sandbox, `${path}${sep}limit=${limit}&page=${page}`);
    if (got.status === 204) return out;
    if (got.status !== 200) throw new Error(`${path} page ${page}: ${got.status} ${got.text}`);
    out.push(...got.body);
  }
}

/** Every record of a v3 list, following page numbers to total_pages. */
export async function allV3(sandbox: SandboxHandle, path: string, limit = 250): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const got = await get(sandbox, `${path}${sep}limit=${limit}&page=${page}`);
    if (got.status !== 200) throw new Error(`${path} page ${page}: ${got.status} ${got.text}`);
    out.push(...got.body.data);
    if (page >= got.body.meta.pagination.total_pages) return out;
  }
}

export const RFC2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
export const DEC4 = /^-?\d+\.\d{4}$/;

/** RFC 2822 (`+0000`) to the normalized `YYYY-MM-DDTHH:MM:SSZ`. */
export function rfcToIso(value: string): string {
  return new Date(value).toISOString().replace('.000Z', 'Z');
}
