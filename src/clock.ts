/** Injected time: production uses the real clock; tests pass fakes so nothing waits on wall-clock time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds (or at once in tests). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A fake clock whose sleep advances time instantly: for tests. */
export function createFakeClock(startMs = Date.UTC(2024, 0, 1)): Clock & { sleeps: number[]; advance(ms: number): void } {
  let t = startMs;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
    },
    advance: (ms) => {
      t += ms;
    },
    sleeps,
  };
}
