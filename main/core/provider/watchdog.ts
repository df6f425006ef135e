/**
 * The two waiting limits of one attempt: how long the server may take to send its response headers, then how long
 * it may stay silent between two pieces of the body. Without them a stalled server keeps a run "running" until the
 * HTTP client's own limit (300 s in Node, none in Electron).
 */
import { TIMEOUT_MS } from '../../../shared/schemas';

/** A profile's timeouts, in milliseconds. */
export interface RequestTimeouts {
  /** From sending the request to its response headers (connecting included). */
  headersMs: number;
  /** Between two pieces of the body, once the headers arrived. */
  idleMs: number;
}

/** The timeouts of a profile that sets none: long enough for a big model's slow first token. */
export const DEFAULT_TIMEOUTS: RequestTimeouts = {
  headersMs: TIMEOUT_MS.default,
  idleMs: TIMEOUT_MS.default,
};

/** Which limit ended an attempt. */
export type TimeoutLimit = 'headers' | 'idle';

/** Watches one attempt; `signal` aborts when a limit is hit, and `fired` then says which. */
export interface Watchdog {
  readonly signal: AbortSignal;
  readonly fired: TimeoutLimit | undefined;
  /** The headers arrived: from now on the idle limit applies. */
  headersReceived(): void;
  /** A piece of the body arrived. Cheap: it only records the time, so it can run for every chunk. */
  touch(): void;
  /** Stops the clock while `wait` is pending: time spent waiting for our own reader is not the server's silence. */
  hold<T>(wait: Promise<T>): Promise<T>;
  stop(): void;
}

/** Starts watching an attempt now, in the headers phase. */
export const startWatchdog = (timeouts: RequestTimeouts, now: () => number): Watchdog => {
  const controller = new AbortController();
  let phase: TimeoutLimit = 'headers';
  let limitMs = timeouts.headersMs;
  let lastAt = now();
  let holds = 0;
  let fired: TimeoutLimit | undefined;
  let timer: NodeJS.Timeout | undefined;

  // One timer that re-arms itself for the time left, instead of a clearTimeout/setTimeout pair per chunk: a fast
  // stream delivers thousands of chunks a second.
  const arm = (ms: number) => {
    timer = setTimeout(check, Math.max(1, ms));
    timer.unref?.();
  };
  function check() {
    timer = undefined;
    if (fired || controller.signal.aborted) return;
    if (holds > 0) return arm(limitMs);
    const left = limitMs - (now() - lastAt);
    if (left > 0) return arm(left);
    fired = phase;
    controller.abort(new Error(`${phase} timeout`));
  }
  arm(limitMs);

  return {
    signal: controller.signal,
    get fired() {
      return fired;
    },
    headersReceived() {
      phase = 'idle';
      limitMs = timeouts.idleMs;
      lastAt = now();
      if (timer) clearTimeout(timer);
      if (!fired) arm(limitMs);
    },
    touch() {
      lastAt = now();
    },
    async hold(wait) {
      holds++;
      try {
        return await wait;
      } finally {
        holds--;
        lastAt = now();
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
};
