/** At most `limit` holders at once; waiters are served first come, first served. */
export interface Semaphore {
  acquire(): Promise<void>;
  release(): void;
  readonly inUse: number;
}

export function createSemaphore(limit: number): Semaphore {
  const max = Math.max(1, Math.floor(limit));
  const waiting: Array<() => void> = [];
  let inUse = 0;
  return {
    acquire() {
      if (inUse < max) {
        inUse += 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      // The slot passes straight to the next waiter, so `inUse` stays the same.
      if (next) next();
      else inUse = Math.max(0, inUse - 1);
    },
    get inUse() {
      return inUse;
    },
  };
}
