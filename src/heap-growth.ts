import v8 from 'node:v8';

/**
 * How much V8's old generation may grow past the data that survived the last full collection before the next
 * one: 25% (plus V8's fixed step and the young generation), where V8's own factor reaches 300% when a program
 * allocates as fast as a sync does (responses parsed, records copied and serialized, all short-lived): a sync
 * whose live data is ~20 MB then held ~100 MB of heap. The live data itself is bounded by design (pages in
 * flight: `MAX_PAGES_IN_FLIGHT` in src/sync/merge-walks.ts); this keeps the heap close to it.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Sets V8's `--heap-growing-percent` from inside the process, unless the user set it (in `NODE_OPTIONS` or
 * node's own flags): V8 reads it at every full collection, so it holds however the tap was started (a
 * `#!/usr/bin/env node` line can pass no flags). Not a cap: a page of any size still fits. Returns whether it
 * set the flag.
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  setFlags: (flags: string) => void = v8.setFlagsFromString,
): boolean {
  const isSetByUser = [...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag));
  if (isSetByUser) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
