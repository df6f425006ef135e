// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../state/tiny-store';
import { outputSource, type StreamedOutputs } from '../../state/text-source';
import { OutputText } from './output-text';

/**
 * jsdom lays nothing out. These tests give it the simplest layout a block can have: each block starts a new line, and
 * its text wraps every COLUMNS characters, LINE pixels apart (a monospace column with `overflow-wrap: anywhere`). A
 * Range over one character then has the box the browser would give it, so the writer's measured cuts can be checked.
 */
const COLUMNS = 40;
const LINE = 20;

/** The offset of (node, offset) in the text of the `.out-block` holding it. */
function offsetInBlock(node: Node, offset: number): number | undefined {
  const block = node.parentElement?.closest('.out-block');
  if (!block) return undefined;
  let before = 0;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return before + offset;
    before += (n as Text).length;
  }
  return undefined;
}

const original = Object.getOwnPropertyDescriptor(Range.prototype, 'getBoundingClientRect');
beforeAll(() => {
  Range.prototype.getBoundingClientRect = function (this: Range) {
    const at = offsetInBlock(this.startContainer, this.startOffset) ?? 0;
    return { top: Math.floor(at / COLUMNS) * LINE, height: LINE } as DOMRect;
  };
});
afterAll(() => {
  if (original) Object.defineProperty(Range.prototype, 'getBoundingClientRect', original);
  else delete (Range.prototype as Partial<Range>).getBoundingClientRect;
});
afterEach(cleanup);

/** An OutputText over a store whose one output grows by `append`. */
function renderStreaming(echoLength = 0) {
  const store = createStore<StreamedOutputs>({ outputs: [''] });
  const view = render(<OutputText source={outputSource(store, (s) => s, 0)} echoLength={echoLength} />);
  const append = (more: string) =>
    act(() => {
      const text = store.get().outputs[0] ?? '';
      store.set({ outputs: [text + more], appended: [{ from: text.length, text: more }] });
    });
  return { ...view, append, text: () => store.get().outputs[0] ?? '' };
}

/** One long line of words, no newline: every block of it ends mid-line. */
const words = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `w${(from + i) % 97}`).join(' ') + ' ';

const blocks = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.out-block')];

/** Tells a block whether the browser skips its contents (off screen), as Chromium does for `content-visibility: auto`. */
const setSkipped = (block: HTMLElement, skipped: boolean) =>
  act(() => {
    block.dispatchEvent(Object.assign(new Event('contentvisibilityautostatechange'), { skipped }));
  });

/** Whether every block but the open (last) one ends on a wrap: its length is a whole number of lines. */
const endsOnWraps = (container: HTMLElement) =>
  blocks(container)
    .slice(0, -1)
    .every((b) => (b.textContent ?? '').length % COLUMNS === 0);

describe('OutputText cuts of a long line', () => {
  it('hands the last drawn line of a block on screen to the next block when it closes', () => {
    const { container, append, text } = renderStreaming();
    for (let i = 0; i < 40; i++) append(words(60, i * 60));
    expect(blocks(container).length).toBeGreaterThan(3);
    expect(container.textContent).toBe(text());
    expect(endsOnWraps(container)).toBe(true);
    expect(container.querySelectorAll('.is-cut')).toHaveLength(blocks(container).length - 1);
    expect(container.querySelectorAll('.is-pending, .is-inline')).toHaveLength(0);
  });

  it('leaves a block that closes off screen untouched until it comes into view, then cuts it there', () => {
    const { container, append, text } = renderStreaming();
    append(words(100));
    setSkipped(blocks(container)[0]!, true);
    for (let i = 1; i < 6 && blocks(container).length < 2; i++) append(words(100, i * 100));
    const [first] = blocks(container);
    expect(first!.classList.contains('is-pending')).toBe(true);
    // Not measured: it ends where the block rule closed it, not on a wrap.
    const closedAt = first!.textContent.length;
    expect(closedAt % COLUMNS).not.toBe(0);
    expect(container.textContent).toBe(text());

    setSkipped(first!, false);
    expect(first!.classList.contains('is-cut')).toBe(true);
    expect(first!.textContent.length).toBe(Math.floor((closedAt - 1) / COLUMNS) * COLUMNS);
    expect(container.textContent).toBe(text());
    // The next block took the line and goes on growing.
    append(words(30, 700));
    expect(container.textContent).toBe(text());
  });

  it('cuts a chain of off-screen blocks in order when a later one comes into view first', () => {
    const { container, append, text } = renderStreaming(150);
    append(words(40));
    for (let i = 1; blocks(container).length < 4; i++) {
      for (const b of blocks(container)) setSkipped(b, true);
      append(words(40, i * 40));
    }
    const pending = blocks(container).filter((b) => b.classList.contains('is-pending'));
    expect(pending.length).toBeGreaterThanOrEqual(3);
    expect(endsOnWraps(container)).toBe(false);

    setSkipped(pending.at(-1)!, false);
    expect(container.querySelectorAll('.is-pending')).toHaveLength(0);
    expect(endsOnWraps(container)).toBe(true);
    expect(container.textContent).toBe(text());
    // The echoed prompt moved with its line and is still exactly the first 150 characters.
    const echo = [...container.querySelectorAll('.echo')].map((el) => el.textContent).join('');
    expect(echo).toBe(text().slice(0, 150));
  });

  it('cuts the pending block before a block that closes on screen first, so both end on wraps', () => {
    const { container, append, text } = renderStreaming();
    append(words(100));
    setSkipped(blocks(container)[0]!, true);
    while (blocks(container).length < 2) append(words(20, 300));
    expect(blocks(container)[0]!.classList.contains('is-pending')).toBe(true);
    // The open block is on screen (the reader scrolled down to it) when it closes.
    while (blocks(container).length < 3) append(words(20, 500));
    expect(container.querySelectorAll('.is-pending')).toHaveLength(0);
    expect(container.querySelectorAll('.is-cut')).toHaveLength(2);
    expect(endsOnWraps(container)).toBe(true);
    expect(container.textContent).toBe(text());
  });

  it('flows pending and cut blocks inline once the width changes', () => {
    const observers: ResizeObserverCallback[] = [];
    const saved = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(callback: ResizeObserverCallback) {
        observers.push(callback);
      }
      observe() {}
      disconnect() {}
      unobserve() {}
    };
    try {
      const { container, append, text } = renderStreaming();
      for (let i = 0; i < 20; i++) append(words(60, i * 60));
      for (let i = 20; i < 40; i++) {
        setSkipped(blocks(container).at(-1)!, true);
        append(words(60, i * 60));
      }
      expect(container.querySelectorAll('.is-cut').length).toBeGreaterThan(0);
      expect(container.querySelectorAll('.is-pending').length).toBeGreaterThan(0);
      const resize = (width: number) =>
        act(() => {
          for (const cb of observers)
            cb([{ contentRect: { width } } as ResizeObserverEntry], {} as ResizeObserver);
        });
      resize(300);
      resize(200);
      expect(container.querySelectorAll('.is-cut, .is-pending, .continues')).toHaveLength(0);
      expect(
        blocks(container)
          .slice(0, -1)
          .every((b) => b.classList.contains('is-inline')),
      ).toBe(true);
      // A block that comes into view after that is left as it is: its line flows inline.
      setSkipped(blocks(container)[1]!, false);
      expect(container.textContent).toBe(text());
    } finally {
      globalThis.ResizeObserver = saved;
    }
  });
});
