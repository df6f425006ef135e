/** The real clock: sub-millisecond wall time (for metrics) and an abortable sleep (for retry backoff). */
import type { Clock } from '../ports';

/** Wall-clock milliseconds with performance.now()'s resolution, monotonic within the process. */
const now = (): number => performance.timeOrigin + performance.now();

/** Resolves after `ms`, or at once when `signal` aborts (callers check `signal.aborted` afterwards). */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** The clock of production code; tests inject their own. */
export const systemClock: Clock = { now, sleep };
