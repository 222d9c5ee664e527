/**
 * Runs several async generators at once and yields their items as they come, tagged with their source's
 * index, plus a `done` item when a source ends. The first error stops every source and is rethrown to the
 * consumer.
 *
 * Items (pages) being fetched or waiting for the consumer share a budget that adapts: when the consumer
 * finds nothing ready (the network is the bottleneck), the budget grows, up to one per source; when items
 * pile up (the consumer is the bottleneck), it shrinks, down to one. Parallel slices then speed up a sync
 * that waits on latency without holding a page per slice in memory when the CPU is what limits it.
 */
export type Merged<T> = { index: number; item: T; isDone: false } | { index: number; isDone: true };

const MIN_BUDGET = 1;

export async function* mergeWalks<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<Merged<T>> {
  const ready: Array<Merged<T>> = [];
  const maxBudget = Math.max(MIN_BUDGET, sources.length);
  let budget = maxBudget;
  let tokensInUse = 0;
  const tokenWaiters: Array<() => void> = [];
  let wake: (() => void) | null = null;
  let failure: { error: unknown } | null = null;
  let isStopped = false;

  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const grantTokens = () => {
    while (tokenWaiters.length > 0 && (tokensInUse < budget || isStopped)) {
      tokensInUse++;
      tokenWaiters.shift()!();
    }
  };
  const acquireToken = () =>
    new Promise<void>((resolve) => {
      tokenWaiters.push(resolve);
      grantTokens();
    });
  const releaseToken = () => {
    tokensInUse = Math.max(0, tokensInUse - 1);
    grantTokens();
  };

  const pumps = sources.map(async (source, index) => {
    try {
      for (;;) {
        await acquireToken();
        if (isStopped) return;
        const result = await source.next();
        if (result.done || isStopped) {
          releaseToken();
          break;
        }
        // The token stays with the item until the consumer takes it.
        ready.push({ index, item: result.value, isDone: false });
        notify();
      }
      if (isStopped) return;
      ready.push({ index, isDone: true });
      notify();
    } catch (error) {
      failure ??= { error };
      notify();
    }
  });

  let remaining = sources.length;
  try {
    while (remaining > 0) {
      if (failure) throw (failure as { error: unknown }).error;
      const next = ready.shift();
      if (!next) {
        // Starving: allow one more page in flight.
        if (budget < maxBudget) {
          budget++;
          grantTokens();
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (next.isDone) {
        remaining--;
      } else {
        // Pages piling up: hold fewer of them.
        if (ready.length > 0 && budget > MIN_BUDGET) budget--;
        releaseToken();
      }
      yield next;
    }
  } finally {
    isStopped = true;
    grantTokens();
    await Promise.allSettled(pumps);
    await Promise.allSettled(sources.map((s) => s.return(undefined)));
  }
}
