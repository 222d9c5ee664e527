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

/** Injected periodic callbacks: progress redraws on a timer, and tests fire the ticks by hand. */
export interface Ticker {
  /** Calls `onTick` every `intervalMs` until the returned function is called. */
  every(intervalMs: number, onTick: () => void): () => void;
}

export const systemTicker: Ticker = {
  every(intervalMs, onTick) {
    const timer = setInterval(onTick, intervalMs);
    // A pending redraw must never keep the process alive.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** A ticker whose ticks fire only when the test calls `tick()`: for tests. */
export function createFakeTicker(): Ticker & { tick(): void; intervals(): number[] } {
  const running = new Map<number, { intervalMs: number; onTick: () => void }>();
  let next = 0;
  return {
    every(intervalMs, onTick) {
      const id = next++;
      running.set(id, { intervalMs, onTick });
      return () => running.delete(id);
    },
    tick() {
      for (const { onTick } of [...running.values()]) onTick();
    },
    intervals: () => [...running.values()].map((r) => r.intervalMs),
  };
}
