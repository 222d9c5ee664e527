/**
 * Runs several async generators at once and yields their items as they come, tagged with their source's
 * index, plus a `done` item when a source ends. The first error stops every source and is rethrown to the
 * consumer.
 *
 * Items (pages) in memory share a budget the code enforces: an item holds a token from the moment its
 * source starts fetching it until the consumer has finished with it (asks for the next item), so pages being
 * fetched, pages waiting and the page being written never exceed `maxPagesInFlight` (`MAX_PAGES_IN_FLIGHT`),
 * however many sources run. Within that cap the budget adapts: when the consumer finds nothing ready (the
 * network is the bottleneck), it grows, up to one page ahead per source; when items pile up (the consumer is
 * the bottleneck), it shrinks, down to the page being written plus one ahead. Parallel slices then speed up a
 * sync that waits on latency without holding a page per slice in memory when the CPU is what limits it.
 */
export type Merged<T> = { index: number; item: T; isDone: false } | { index: number; isDone: true };

/** Pages a walk holds at most at once (fetching, waiting, being written): bounds the tap's memory. */
export const MAX_PAGES_IN_FLIGHT = 4;
/** The page being written and one fetched meanwhile. */
const MIN_BUDGET = 2;

export async function* mergeWalks<T>(sources: AsyncGenerator<T>[], options: { maxPagesInFlight?: number } = {}): AsyncGenerator<Merged<T>> {
  const ready: Array<Merged<T>> = [];
  const cap = Math.max(MIN_BUDGET, options.maxPagesInFlight ?? MAX_PAGES_IN_FLIGHT);
  const maxBudget = Math.min(cap, sources.length + 1);
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
        // The token stays with the item until the consumer has written it.
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
        yield next;
        continue;
      }
      // Pages piling up: hold fewer of them.
      if (ready.length > 0 && budget > MIN_BUDGET) budget--;
      yield next;
      // The consumer asked for more: it is done with this page, whose memory may go.
      releaseToken();
    }
  } finally {
    isStopped = true;
    grantTokens();
    await Promise.allSettled(pumps);
    await Promise.allSettled(sources.map((s) => s.return(undefined)));
  }
}
