/**
 * Runs several async generators at once and yields their items as they come, tagged with their source's
 * index, plus a `done` item when a source ends. Each source fetches its next item while the consumer handles
 * the current one, and waits there, so memory stays bounded; the first error stops every source and is rethrown to the consumer.
 */
export type Merged<T> = { index: number; item: T; isDone: false } | { index: number; isDone: true };

export async function* mergeWalks<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<Merged<T>> {
  const ready: Array<{ value: Merged<T>; resume: () => void }> = [];
  let wake: (() => void) | null = null;
  let failure: { error: unknown } | null = null;
  let isStopped = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const pumps = sources.map(async (source, index) => {
    try {
      for (;;) {
        if (isStopped) return;
        const result = await source.next();
        if (result.done || isStopped) break;
        await new Promise<void>((resume) => {
          ready.push({ value: { index, item: result.value, isDone: false }, resume });
          notify();
        });
      }
      if (isStopped) return;
      ready.push({ value: { index, isDone: true }, resume: () => undefined });
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
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (next.value.isDone) remaining--;
      // Let the source fetch its next item while this one is handled: one in hand, one in flight.
      next.resume();
      yield next.value;
    }
  } finally {
    isStopped = true;
    // Release every source still waiting on the consumer.
    for (const pending of ready.splice(0)) pending.resume();
    await Promise.allSettled(pumps);
    await Promise.allSettled(sources.map((s) => s.return(undefined)));
  }
}
