/** Runs a callback on the next animation frame, or after a short timeout when frames are paused (a hidden tab). */
export type FrameScheduler = (callback: () => void) => void;

const FALLBACK_MS = 100;

/** requestAnimationFrame with a timeout fallback, whichever comes first. */
export const nextFrame: FrameScheduler = (callback) => {
  let isDone = false;
  const once = () => {
    if (isDone) return;
    isDone = true;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    callback();
  };
  const raf = requestAnimationFrame(once);
  const timer = setTimeout(once, FALLBACK_MS);
};

/** Collects items and hands them over at most once per frame, in arrival order. */
export interface FrameBatcher<T> {
  push: (item: T) => void;
  /** Hands over what is pending now (tests, and before a new run starts). */
  flush: () => void;
}

/** Makes a batcher that calls `deliver` with every item pushed since the last delivery. */
export function createFrameBatcher<T>(deliver: (items: T[]) => void, schedule: FrameScheduler = nextFrame) {
  let pending: T[] = [];
  let isScheduled = false;
  const flush = () => {
    isScheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  };
  return {
    push(item: T) {
      pending.push(item);
      if (!isScheduled) {
        isScheduled = true;
        schedule(flush);
      }
    },
    flush,
  } satisfies FrameBatcher<T>;
}
