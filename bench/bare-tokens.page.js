/**
 * The token view bench's baseline (bench/token-view-scenarios.ts): one run with logprobs through the same web-mode
 * server, drawn by a page without a framework into a scroller of the app's size that follows the stream, either as
 * plain text (each frame's text appended to the last block's text node) or as one coloured span per token with the
 * token view's own style (tinted background, rounded corners, inset separator), in blocks of 256 with
 * `content-visibility: auto`. Its spans ÷ text ratio is what a span per token costs in this browser, whoever draws it:
 * the floor under the app's token view ÷ plain ratio. Timed exactly like the app's `?bench=1` probe.
 * Plain JavaScript, evaluated as a string: it never goes through the app's bundler.
 */
window.bareTokens = async ({ token, model, prompt, maxTokens, mode, width, height }) => {
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

  document.open();
  document.write(`<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body { margin: 0; font: 14px/1.75 'DejaVu Sans Mono', monospace; }
    .scroller { position: absolute; inset: 0; overflow: auto; contain: strict; white-space: pre-wrap;
      overflow-wrap: anywhere; padding: 12px 14px; }
    .block { content-visibility: auto; contain-intrinsic-size: auto 12em; }
    .tok { border-radius: 3px; box-shadow: inset -1px 0 0 #dcdfe6; }
    .p0 { background: rgb(0 34 78 / 30%); } .p1 { background: rgb(65 77 107 / 26%); }
    .p2 { background: rgb(124 123 120 / 26%); } .p3 { background: rgb(188 175 111 / 38%); }
    .p4 { background: rgb(253 231 55 / 45%); }
  </style></head><body></body></html>`);
  document.close();
  const frameBox = document.createElement('div');
  frameBox.style.cssText = `position:relative;width:${width}px;height:${height}px`;
  const scroller = document.createElement('div');
  scroller.className = 'scroller';
  // The app's line heights: 1.6 for its plain text, 1.75 for the token view.
  scroller.style.lineHeight = mode === 'spans' ? '1.75' : '1.6';
  frameBox.append(scroller);
  document.body.append(frameBox);

  const BLOCK = 256;
  let block = null;
  let inBlock = 0;
  let text = null;
  const nextBlock = () => {
    block = scroller.appendChild(document.createElement('div'));
    block.className = 'block';
    inBlock = 0;
    text = null;
  };
  // The token view's bins (token-scale.ts): probability ≥ 0.9, 0.6, 0.3, 0.1, else the lowest.
  const bin = (logprob) => {
    const p = Math.exp(logprob ?? 0);
    return p >= 0.9 ? 'p4' : p >= 0.6 ? 'p3' : p >= 0.3 ? 'p2' : p >= 0.1 ? 'p1' : 'p0';
  };
  let pending = [];
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
    let fragment = document.createDocumentFragment();
    for (const t of pending) {
      if (!block || inBlock >= BLOCK) {
        if (fragment.firstChild) block.append(fragment);
        fragment = document.createDocumentFragment();
        nextBlock();
      }
      inBlock++;
      if (mode === 'spans') {
        const span = document.createElement('span');
        span.className = `tok ${bin(t.logprob)}`;
        span.textContent = t.token;
        fragment.append(span);
      } else {
        text ??= block.appendChild(document.createTextNode(''));
        text.appendData(t.token);
      }
    }
    if (fragment.firstChild) block.append(fragment);
    pending = [];
    scroller.scrollTop = scroller.scrollHeight;
    appliedAt = performance.now();
    for (const t of arrivals) data.waits.push(appliedAt - t);
    painting.push(...arrivals);
    arrivals = [];
    void scheduler.postTask(painted, { priority: 'user-blocking' });
  };

  const params = { model, prompt, stream: true, max_tokens: maxTokens, logprobs: 5 };
  const response = await api('/api/run', [{ runId: `bare-tokens-${Date.now()}`, profileId, params }]);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let tokens = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const line = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (!line.startsWith('data: ')) continue;
      const event = JSON.parse(line.slice(6));
      if (event.type !== 'delta') continue;
      const list = event.logprobs ?? [{ token: event.text, logprob: 0 }];
      pending.push(...list);
      tokens += list.length;
      arrivals.push(performance.now());
      if (!isScheduled) {
        isScheduled = true;
        requestAnimationFrame(frame);
      }
    }
  }
  // Let the last frame paint before the figures are read.
  await new Promise((done) => setTimeout(done, 100));
  return { tokens, spans: scroller.querySelectorAll('.tok').length };
};
