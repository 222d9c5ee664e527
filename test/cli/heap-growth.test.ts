import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../src/heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets --heap-growing-percent from inside the process', () => {
    const set: string[] = [];
    expect(limitHeapGrowth([], '', (f) => set.push(f))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it.each([
    [['--heap-growing-percent=80'], ''],
    [[], '--max-old-space-size=512 --heap_growing_percent=80'],
  ])('leaves a user setting alone (node flags %j, NODE_OPTIONS %j)', (execArgv, nodeOptions) => {
    const set: string[] = [];
    expect(limitHeapGrowth(execArgv, nodeOptions, (f) => set.push(f))).toBe(false);
    expect(set).toEqual([]);
  });

  it('set at run time, it bounds the heap of a process started without flags: ~15 MB live, 400 MB of garbage', () => {
    // A child with no node flags, as `#!/usr/bin/env node` starts the tap: the largest heap it reached.
    const script = (limit: boolean) => `
      const v8 = require('node:v8');
      if (${limit}) v8.setFlagsFromString('--heap-growing-percent=${HEAP_GROWING_PERCENT}');
      const live = Array.from({ length: 150 }, (_, i) => new Array(12500).fill({ i }));
      const ring = new Array(64).fill(null);
      let most = 0;
      for (let i = 0; i < 1000; i++) {
        ring[i % 64] = JSON.parse(JSON.stringify(Array.from({ length: 2000 }, (_, j) => ({ id: j, name: 'x' + j, i }))));
        most = Math.max(most, process.memoryUsage().heapTotal);
      }
      process.stdout.write(String(Math.round(most / 2 ** 20) + live.length * 0));`;
    const heapMb = (limit: boolean) => Number(execFileSync(process.execPath, ['-e', script(limit)], { encoding: 'utf8', env: {} }));
    const limited = heapMb(true);
    const unlimited = heapMb(false);
    expect(limited).toBeLessThan(100);
    expect(unlimited).toBeGreaterThan(limited * 1.3);
  });
});
