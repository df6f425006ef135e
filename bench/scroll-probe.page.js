/**
 * The results-grid scroll benchmark's page code (bench/results-grid-scroll.ts), plain JavaScript evaluated as a
 * string so it never goes through the app's bundler. `scrollProbe(selector, step)` scrolls the element down by `step`
 * pixels each animation frame to its end and back up, and records per frame: its length (from the previous frame's
 * start) and its work (from the frame's start, before the scroll event is handled, to a message posted after its
 * paint), plus Chromium's long animation frames (over 50 ms) while it ran. `bareTable(cases, columns, texts)` is the
 * framework-less baseline: every row of the same grid drawn once as plain DOM in a scroller of the same size.
 */
window.scrollProbe = (selector, step) =>
  new Promise((resolve) => {
    const el = document.querySelector(selector);
    const frames = [];
    const works = [];
    const longFrames = [];
    let observer;
    try {
      observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longFrames.push(e.duration);
      });
      observer.observe({ type: 'long-animation-frame' });
    } catch {
      observer = undefined;
    }
    let direction = 1;
    let last = 0;
    const channel = new MessageChannel();
    let started = 0;
    channel.port1.onmessage = () => works.push(performance.now() - started);
    const tick = (ts) => {
      if (last) frames.push(ts - last);
      last = ts;
      started = ts;
      // Posted from the frame's callback, the message runs once the frame has been rendered and painted.
      channel.port2.postMessage(0);
      const max = el.scrollHeight - el.clientHeight;
      if (direction === 1 && el.scrollTop >= max - 1) direction = -1;
      else if (direction === -1 && el.scrollTop <= 0) {
        setTimeout(() => {
          observer?.disconnect();
          resolve({ frames, works, longFrames });
        }, 100);
        return;
      }
      el.scrollTop += direction * step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

window.bareTable = (rows, headers) => {
  document.open();
  document.write('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
  document.close();
  document.body.style.cssText = 'margin:0;padding:24px;font:12px/1.4 system-ui';
  const box = document.createElement('div');
  box.id = 'bare-grid';
  box.style.cssText = 'height:min(70vh,720px);overflow:auto;contain:strict;border:1px solid #ccc';
  const table = document.createElement('table');
  table.style.cssText = 'border-collapse:collapse;table-layout:fixed';
  const head = table.createTHead().insertRow();
  for (const h of headers) {
    const th = document.createElement('th');
    th.textContent = h;
    th.style.cssText = 'width:320px;position:sticky;top:0;background:#fff';
    head.append(th);
  }
  const body = table.createTBody();
  for (const cells of rows) {
    const tr = body.insertRow();
    for (const text of cells) {
      const td = tr.insertCell();
      td.style.cssText = 'vertical-align:top;border:1px solid #ddd;padding:6px 8px;width:320px';
      const pre = document.createElement('pre');
      pre.style.cssText = 'margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 monospace';
      pre.textContent = text;
      td.append(pre);
    }
  }
  box.append(table);
  document.body.append(box);
};
