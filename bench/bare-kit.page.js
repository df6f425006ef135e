/**
 * What the render bench's framework-less pages share (bare-renderer.page.js, bare-tokens.page.js), evaluated before
 * either: the web-mode API with the page's token, a run's deltas read from `/api/run`'s event stream, and the probe,
 * timed exactly like the app's `?bench=1` probe (renderer/src/state/bench-probe.ts): arrival per delta, the frame's
 * start and the batch applied inside it, painted after it.
 * Plain JavaScript, evaluated as a string: it never goes through the app's bundler.
 */
window.bareKit = {
  /** A caller of the web-mode API with the page's token, and the active profile's id. */
  async connect(token) {
    const api = (path, args) =>
      fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-playground-token': token },
        body: JSON.stringify({ args }),
      });
    const settings = await (await api('/api/call/getSettings', [])).json();
    return { api, profileId: settings.value.activeProfileId };
  },

  /** Reads a run's events to its end, handing each delta to `onDelta`: 'done', or 'failed' on an error event. */
  async readDeltas(response, onDelta) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'done';
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) !== -1) {
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6));
        if (event.type === 'error') return 'failed';
        if (event.type === 'delta') onDelta(event);
      }
    }
  },

  /**
   * The probe, with `draw` as the frame's work: `arrived()` per delta schedules one animation frame, which calls
   * `draw()` and records the frame as the app's probe does. `stop()` ends the frame and long-frame records.
   */
  probe(draw) {
    const data = { lags: [], waits: [], works: [], wholes: [], frames: [], longFrames: [] };
    window.__r9sBench = data;
    let arrivals = [];
    let painting = [];
    let appliedAt = 0;
    let startedAt = 0;
    let isScheduled = false;
    let isRunning = true;
    const painted = () => {
      const now = performance.now();
      for (const t of painting) data.lags.push(now - t);
      data.works.push(now - appliedAt);
      data.wholes.push(now - startedAt);
      painting = [];
    };
    const frame = () => {
      startedAt = performance.now();
      isScheduled = false;
      draw();
      appliedAt = performance.now();
      for (const t of arrivals) data.waits.push(appliedAt - t);
      painting.push(...arrivals);
      arrivals = [];
      void scheduler.postTask(painted, { priority: 'user-blocking' });
    };
    let last = performance.now();
    const tick = (t) => {
      data.frames.push(t - last);
      last = t;
      if (isRunning) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) data.longFrames.push(e.duration);
    });
    observer.observe({ type: 'long-animation-frame', buffered: false });
    return {
      arrived() {
        arrivals.push(performance.now());
        if (isScheduled) return;
        isScheduled = true;
        requestAnimationFrame(frame);
      },
      /** Lets the last frame paint, then stops recording. */
      async stop() {
        await new Promise((done) => setTimeout(done, 100));
        isRunning = false;
        observer.disconnect();
      },
    };
  },
};
