/**
 * The token view bench's baseline (bench/token-view-scenarios.ts): one run with logprobs through the same web-mode
 * server, drawn by a page without a framework into a scroller of the app's size that follows the stream, either as
 * plain text (each frame's text appended to the last block's text node) or as one coloured span per token with the
 * token view's own style (tinted background, rounded corners, inset separator), in blocks of 256 with
 * `content-visibility: auto`. Its spans ÷ text ratio is what a span per token costs in this browser, whoever draws it:
 * the floor under the app's token view ÷ plain ratio. Timed exactly like the app's `?bench=1` probe (bare-kit.page.js).
 * Plain JavaScript, evaluated as a string: it never goes through the app's bundler.
 */
window.bareTokens = async ({ token, model, prompt, maxTokens, mode, width, height }) => {
  const { api, profileId } = await window.bareKit.connect(token);

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
  const probe = window.bareKit.probe(() => {
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
  });

  const params = { model, prompt, stream: true, max_tokens: maxTokens, logprobs: 5 };
  const response = await api('/api/run', [{ runId: `bare-tokens-${Date.now()}`, profileId, params }]);
  let tokens = 0;
  await window.bareKit.readDeltas(response, (event) => {
    const list = event.logprobs ?? [{ token: event.text, logprob: 0 }];
    pending.push(...list);
    tokens += list.length;
    probe.arrived();
  });
  await probe.stop();
  return { tokens, spans: scroller.querySelectorAll('.tok').length };
};
