/**
 * A test-only probe for bench/render-latency.bench.ts, enabled by `?bench=1` and off otherwise: it records when each
 * delta reached the page and when the frame that drew it was painted, plus frame durations. The lag is split in two:
 * the wait for the frame (set by the display's refresh, and by CPU starvation) and the frame's own work (from the
 * batch being applied to the paint: our cost). A third figure, the whole frame (from the start of the callback that
 * applied the batch to the paint), adds the frame's script: two views that draw the same text put their cost in
 * different phases (appending to a text node shapes it there and then, in script; new elements are shaped in
 * layout), so only the whole frame compares them fairly.
 */
export interface BenchProbe {
  arrived: (count: number) => void;
  /**
   * Called right after a batch was applied to the store (inside the animation frame); `startedAt` is the
   * `performance.now()` at the start of the callback that applied it.
   */
  applied: (startedAt: number) => void;
}

interface BenchData {
  /** Per delta: arrival at the page → paint of the frame that drew it. */
  lags: number[];
  /** Per delta: arrival → the animation frame that applied it. */
  waits: number[];
  /** Per applied frame: batch applied → painted. */
  works: number[];
  /** Per applied frame: start of the callback that applied the batch → painted (script included). */
  wholes: number[];
  frames: number[];
  longFrames: number[];
}

declare global {
  interface Window {
    __r9sBench?: BenchData;
  }
}

let shared: BenchProbe | undefined;

/** The page's one probe (for the runs store), or undefined without `?bench=1`. */
export function createBenchProbe(search: string): BenchProbe | undefined {
  if (!new URLSearchParams(search).has('bench')) return undefined;
  return (shared ??= makeProbe());
}

function makeProbe(): BenchProbe {
  const data: BenchData = { lags: [], waits: [], works: [], wholes: [], frames: [], longFrames: [] };
  window.__r9sBench = data;
  let arrivals: number[] = [];
  const channel = new MessageChannel();
  let painting: number[] = [];
  let appliedAt = 0;
  let startedAt = 0;
  const painted = () => {
    const now = performance.now();
    for (const t of painting) data.lags.push(now - t);
    data.works.push(now - appliedAt);
    data.wholes.push(now - startedAt);
    painting = [];
  };
  channel.port1.onmessage = painted;
  // A task posted inside a frame runs after that frame's style, layout and paint: the paint time. A user-blocking task
  // runs before the network reads queued meanwhile, which a plain message may wait behind (measured: frame work p99
  // 20 ms with a message, 13–18 ms with the task); a message is the fallback where there is no task scheduler (jsdom).
  const afterPaint = () =>
    typeof scheduler === 'undefined'
      ? channel.port2.postMessage(0)
      : void scheduler.postTask(painted, { priority: 'user-blocking' });
  let last = performance.now();
  const tick = (t: number) => {
    data.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) data.longFrames.push(e.duration);
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch {
    // Long-animation-frame entries are Chromium-only; rAF deltas still give the longest frame.
  }
  return {
    arrived(count) {
      const now = performance.now();
      for (let i = 0; i < count; i++) arrivals.push(now);
    },
    applied(started) {
      appliedAt = performance.now();
      startedAt = started;
      for (const t of arrivals) data.waits.push(appliedAt - t);
      painting.push(...arrivals);
      arrivals = [];
      afterPaint();
    },
  };
}
