/**
 * The render benchmark's baseline, run inside a page of the web-mode origin (bench/render-latency.bench.ts): the same
 * runs through the same web-mode server into the same browser, drawn by the least a page can do for them: no
 * framework, each frame's new text appended to the text node of the column's last block, a new block every 1,024
 * characters, and the app's containment: a strict-contained scroller inside a fixed-size box (a flex item can never be
 * a relayout boundary: as one, this page's renderer used a quarter more CPU and had a worse tail, measured), and
 * blocks with `content-visibility: auto` (without, frames took 2–3 times longer, measured). One growing text node
 * would re-lay out all of its text every frame (0.8 s frames at 35,000 characters, measured). Timed exactly like the
 * app's `?bench=1` probe (bare-kit.page.js): what the app measures above this is its own cost; what this measures is
 * the floor set by the machine, the display's refresh and the browser.
 * Plain JavaScript, evaluated as a string: it never goes through the app's bundler.
 */
window.bareRenderer = async ({ token, model, prompt, maxTokens, runs }) => {
  const { api, profileId } = await window.bareKit.connect(token);

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

  const probe = window.bareKit.probe(() => {
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
  });

  const run = async (column, i) => {
    const params = { model, prompt, stream: true, max_tokens: maxTokens };
    const response = await api('/api/run', [{ runId: `bare-run-${i}-${Date.now()}`, profileId, params }]);
    return window.bareKit.readDeltas(response, (event) => {
      column.pending += event.text;
      probe.arrived();
    });
  };
  const started = performance.now();
  const statuses = await Promise.all(columns.map(run));
  const wall = performance.now() - started;
  await probe.stop();
  return { wall, statuses, chars: columns.map((c) => c.chars) };
};
