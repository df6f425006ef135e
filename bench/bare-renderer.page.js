/**
 * The render benchmark's baseline, run inside a page of the web-mode origin (bench/render-latency.bench.ts): the same
 * runs through the same web-mode server into the same browser, drawn by the least a page can do for them: no
 * framework, each frame's new text appended to the text node of the column's last block, a new block every 1,024
 * characters, and the app's containment: a strict-contained scroller inside a fixed-size box (a flex item can never be
 * a relayout boundary: as one, this page's renderer used a quarter more CPU and had a worse tail, measured), and
 * blocks with `content-visibility: auto` (without, frames took 2–3 times longer, measured). One growing text node
 * would re-lay out all of its text every frame (0.8 s frames at 35,000 characters, measured). Timed exactly like the
 * app's `?bench=1` probe (renderer/src/state/bench-probe.ts): what the app measures above this is its own cost; what
 * this measures is the floor set by the machine, the display's refresh and the browser.
 * Plain JavaScript, evaluated as a string: it never goes through the app's bundler.
 */
window.bareRenderer = async ({ token, model, prompt, maxTokens, runs }) => {
  const data = { lags: [], waits: [], works: [], wholes: [], frames: [], longFrames: [] };
  window.__r9sBench = data;
  const api = (path, args) =>
    fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-playground-token': token },
      body: JSON.stringify({ args }),
    });
  const settings = await (await api('/api/call/getSettings', [])).json();
  const profileId = settings.value.activeProfileId;

  // A standards-mode document in place of the 404 text it was loaded as (same origin, so /api is reachable).
  document.open();
  document.write('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
  document.close();
  document.body.style.cssText = 'margin:0;display:flex;gap:8px;font:13px/1.5 monospace';
  const columns = Array.from({ length: runs }, () => {
    const frame = document.createElement('div');
    frame.style.cssText = 'flex:1;min-width:0;height:40vh';
    const box = document.createElement('div');
    box.style.cssText =
      'height:100%;contain:strict;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere';
    frame.append(box);
    document.body.append(frame);
    return { box, text: null, pending: '', chars: 0 };
  });
  const BLOCK = 1024;

  // The probe, as in bench-probe.ts: arrival per delta, applied in the frame, painted after the frame.
  let arrivals = [];
  let painting = [];
  let appliedAt = 0;
  let startedAt = 0;
  let isScheduled = false;
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
    for (const c of columns) {
      if (c.pending === '') continue;
      if (!c.text || c.text.length >= BLOCK) {
        const block = document.createElement('div');
        block.style.cssText = 'contain:layout style;content-visibility:auto;contain-intrinsic-size:auto 15em';
        c.text = document.createTextNode('');
        block.append(c.text);
        c.box.append(block);
      }
      c.text.appendData(c.pending);
      c.chars += c.pending.length;
      c.pending = '';
    }
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
  let isRunning = true;
  requestAnimationFrame(tick);
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) data.longFrames.push(e.duration);
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });

  const run = async (column, i) => {
    const params = { model, prompt, stream: true, max_tokens: maxTokens };
    const response = await api('/api/run', [{ runId: `bare-run-${i}-${Date.now()}`, profileId, params }]);
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
        if (event.type !== 'delta') continue;
        column.pending += event.text;
        arrivals.push(performance.now());
        if (!isScheduled) {
          isScheduled = true;
          requestAnimationFrame(frame);
        }
      }
    }
  };
  const started = performance.now();
  const statuses = await Promise.all(columns.map(run));
  const wall = performance.now() - started;
  // Let the last frame paint before the figures are read.
  await new Promise((done) => setTimeout(done, 100));
  isRunning = false;
  observer.disconnect();
  return { wall, statuses, chars: columns.map((c) => c.chars) };
};
