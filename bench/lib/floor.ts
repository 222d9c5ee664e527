/**
 * The floor: how fast one core can JSON.parse exactly the response bodies the tap received and
 * JSON.stringify the same records, with no network, normalization or validation. The bodies are fetched
 * again from the same sandbox (lazy data is regenerated identically from the seed) by replaying the request
 * targets the tap logged at debug level.
 */

export interface StreamBodies {
  stream: string;
  /** List pages (v2: a JSON array; v3: `{data: [...], meta}`). */
  lists: string[];
  /** Order sub-resource pages: `{orderId, field, body}`. */
  subs: Array<{ orderId: string; field: string; body: string }>;
  bytes: number;
}

export interface FloorResult {
  stream: string;
  bodies: number;
  bytes: number;
  records: number;
  parseMs: number;
  stringifyMs: number;
  recordsPerSecond: number;
}

const SUB_RESOURCE = /^\/v2\/orders\/(\d+)\/(\w+)\?/;

/** Which stream a logged target belongs to; null for requests that carry no records (counts). */
export function streamOfTarget(target: string): string | null {
  const path = target.split('?')[0] ?? '';
  if (path.endsWith('/count')) return null;
  if (path.startsWith('/v2/orders')) return 'orders';
  if (path.startsWith('/v3/catalog/products')) return 'products';
  if (path.startsWith('/v3/customers')) return 'customers';
  if (path.startsWith('/v2/coupons')) return 'coupons';
  return null;
}

/** Fetches every target again (`concurrency` at a time) and groups the bodies by stream. */
export async function replayTargets(
  apiUrl: string,
  storeHash: string,
  accessToken: string,
  targets: readonly string[],
  concurrency = 16,
): Promise<Map<string, StreamBodies>> {
  const byStream = new Map<string, StreamBodies>();
  const results: Array<string | undefined> = new Array(targets.length);
  let next = 0;
  const headers = { 'X-Auth-Token': accessToken, Accept: 'application/json' };
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= targets.length) return;
      const target = targets[i] ?? '';
      if (streamOfTarget(target) === null) continue;
      const response = await fetch(`${apiUrl}/stores/${storeHash}${target}`, { headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`replay of ${target} returned ${response.status}`);
      results[i] = body;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  targets.forEach((target, i) => {
    const body = results[i];
    const stream = streamOfTarget(target);
    if (body === undefined || stream === null) return;
    let entry = byStream.get(stream);
    if (entry === undefined) {
      entry = { stream, lists: [], subs: [], bytes: 0 };
      byStream.set(stream, entry);
    }
    entry.bytes += body.length;
    const sub = SUB_RESOURCE.exec(target);
    if (sub?.[1] !== undefined && sub[2] !== undefined) entry.subs.push({ orderId: sub[1], field: sub[2], body });
    else entry.lists.push(body);
  });
  return byStream;
}

const recordsOf = (parsed: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(parsed) ? parsed : ((parsed as { data?: unknown[] }).data ?? [])) as Array<Record<string, unknown>>;

/**
 * One pass, page by page as the tap goes (so memory stays bounded): parse a list page, then for each record not
 * seen before parse its sub-resource pages, attach them, and stringify the record.
 */
function measureOnce(
  bodies: StreamBodies,
  subsByOrder: Map<string, Array<{ field: string; body: string }>>,
  subFields: readonly string[],
): Omit<FloorResult, 'recordsPerSecond'> {
  const seen = new Set<string>();
  let stringifyMs = 0;
  let chars = 0;
  const t0 = performance.now();
  for (const text of bodies.lists) {
    for (const record of recordsOf(JSON.parse(text))) {
      const id = String(record.id);
      if (seen.has(id)) continue;
      seen.add(id);
      for (const { field, body } of subsByOrder.get(id) ?? []) {
        const list = recordsOf(JSON.parse(body));
        const current = record[field];
        record[field] = Array.isArray(current) ? current.concat(list) : list;
      }
      // Sub-resources answered 204 (none) still become [] in the record, as the tap writes them.
      for (const field of subFields) if (!Array.isArray(record[field])) record[field] = [];
      const s0 = performance.now();
      chars += JSON.stringify(record).length;
      stringifyMs += performance.now() - s0;
    }
  }
  const totalMs = performance.now() - t0;
  if (chars < 0) throw new Error('unreachable');
  return {
    stream: bodies.stream,
    bodies: bodies.lists.length + bodies.subs.length,
    bytes: bodies.bytes,
    records: seen.size,
    parseMs: totalMs - stringifyMs,
    stringifyMs,
  };
}

/**
 * Parse+stringify of list pages alone (no sub-resources), `rounds` passes after one warm-up: records per second
 * of each pass (CPU time of this process, one core).
 */
export function measureListFloor(lists: readonly string[], rounds: number): { records: number; bytes: number; recordsPerSecond: number[] } {
  const pages = lists.filter((text) => text.trim() !== '');
  const bodies: StreamBodies = { stream: 'orders', lists: pages, subs: [], bytes: pages.reduce((n, t) => n + t.length, 0) };
  const rates: number[] = [];
  let records = 0;
  for (let round = 0; round <= rounds; round++) {
    const cpu0 = process.cpuUsage();
    const pass = measureOnce(bodies, new Map(), []);
    const cpu = process.cpuUsage(cpu0);
    records = pass.records;
    if (round > 0) rates.push(pass.records / ((cpu.user + cpu.system) / 1e6));
  }
  return { records, bytes: bodies.bytes, recordsPerSecond: rates };
}

/** The best of `rounds` passes (the first one also warms the JIT up). */
export function measureFloor(bodies: StreamBodies, rounds = 3): FloorResult {
  const subsByOrder = new Map<string, Array<{ field: string; body: string }>>();
  const subFields = new Set<string>();
  for (const { orderId, field, body } of bodies.subs) {
    subFields.add(field);
    let list = subsByOrder.get(orderId);
    if (list === undefined) {
      list = [];
      subsByOrder.set(orderId, list);
    }
    list.push({ field, body });
  }
  let best: Omit<FloorResult, 'recordsPerSecond'> | null = null;
  for (let round = 0; round < rounds; round++) {
    const result = measureOnce(bodies, subsByOrder, [...subFields]);
    if (best === null || result.parseMs + result.stringifyMs < best.parseMs + best.stringifyMs) best = result;
  }
  if (best === null) throw new Error('no floor rounds');
  return { ...best, recordsPerSecond: best.records / ((best.parseMs + best.stringifyMs) / 1000) };
}
