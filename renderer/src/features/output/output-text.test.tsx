// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { outputSource, type Appended, type StreamedOutputs } from '../../state/text-source';
import { blockEnd, blockLimits } from './text-blocks';
import { createStore } from '../../state/tiny-store';
import { OutputText } from './output-text';

afterEach(cleanup);

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i} ${'word '.repeat(8)}\n`).join('');

/**
 * A text in a store, as a run store holds it (with the record of what its last change added), and an OutputText
 * drawing it; counts the component's renders.
 */
function renderStreaming(initial: string, echoLength = 0) {
  const store = createStore<StreamedOutputs>({ outputs: [initial] });
  const source = outputSource(store, (s) => s, 0);
  let renders = 0;
  const view = render(
    <Profiler id="text" onRender={() => (renders += 1)}>
      <OutputText source={source} echoLength={echoLength} />
    </Profiler>,
  );
  const append = (more: string, appended?: Appended) =>
    act(() => {
      const text = store.get().outputs[0] ?? '';
      store.set({ outputs: [text + more], appended: [appended ?? { from: text.length, text: more }] });
    });
  return { ...view, store, append, renders: () => renders };
}

const blocks = (container: HTMLElement) => [...container.querySelectorAll('.out-block')];

describe('OutputText', () => {
  it('shows the whole text as it grows, and keeps the DOM of closed blocks', () => {
    const { container, store, append } = renderStreaming(lines(0, 400));
    expect(blocks(container).length).toBeGreaterThan(10);
    const first = blocks(container)[0]!.firstChild;
    const firstText = first?.textContent;
    for (let step = 1; step <= 20; step++) append(lines(400 * step, 400 * step + 400));
    expect(container.textContent).toBe(store.get().outputs[0]);
    expect(blocks(container).length).toBeGreaterThan(200);
    // The same DOM text node: growing the output (and grouping closed blocks) never remounts an earlier block.
    expect(blocks(container)[0]!.firstChild).toBe(first);
    expect(first?.textContent).toBe(firstText);
  });

  it('appends a small delta to the open block without re-rendering, in the same text node', () => {
    const { container, store, append, renders } = renderStreaming('Once upon');
    const before = renders();
    const node = blocks(container).at(-1)!.lastChild;
    for (const word of [' a', ' time', ' there', ' was']) append(word);
    expect(container.textContent).toBe(store.get().outputs[0]);
    expect(renders()).toBe(before);
    expect(blocks(container).at(-1)!.lastChild).toBe(node);
  });

  it('keeps a selection while text streams in, also when its block closes', () => {
    const { container, append } = renderStreaming('The quick brown fox');
    const node = blocks(container).at(-1)!.lastChild!;
    const selection = document.getSelection()!;
    selection.setBaseAndExtent(node, 4, node, 9);
    expect(selection.toString()).toBe('quick');
    append(' jumps over');
    append(' the lazy dog');
    expect(selection.toString()).toBe('quick');
    const count = blocks(container).length;
    append(lines(0, 80));
    expect(blocks(container).length).toBeGreaterThan(count);
    expect(blocks(container)[0]!.firstChild).toBe(node);
    expect(selection.toString()).toBe('quick');
  });

  it('marks the echoed prompt across blocks and in the open block', () => {
    const text = lines(0, 200);
    const { container, append } = renderStreaming(text.slice(0, 2900), 3000);
    append(text.slice(2900));
    expect(container.querySelectorAll('.echo').length).toBeGreaterThan(1);
    const echo = [...container.querySelectorAll('.echo')].map((el) => el.textContent).join('');
    expect(echo).toBe(text.slice(0, 3000));
    expect(container.textContent).toBe(text);
  });

  it('draws the blocks the rule gives for the whole text, whatever pieces the text arrives in', () => {
    const text = lines(0, 600);
    const { container, append } = renderStreaming('');
    for (let at = 0, step = 1; at < text.length; at += step, step = (step * 7) % 97)
      append(text.slice(at, at + step));
    const expected: string[] = [];
    let rest = text;
    const endOf = (text: string) => blockEnd(text, ...blockLimits(expected.length));
    for (let end = endOf(rest); end !== undefined; end = endOf(rest)) {
      expected.push(rest.slice(0, end));
      rest = rest.slice(end);
    }
    expect(blocks(container).map((b) => b.textContent)).toEqual([...expected, rest]);
  });

  it('flows blocks cut mid-line inline with the block continuing the line; blocks ending a line stay blocks', () => {
    const longLine = 'word '.repeat(1000);
    const { container } = renderStreaming(lines(0, 40) + longLine + '\n' + lines(40, 80));
    const all = blocks(container);
    for (const [i, block] of all.entries()) {
      const isCutMidLine = !(block.textContent ?? '').endsWith('\n') && i < all.length - 1;
      const continuesLine = i > 0 && !(all[i - 1]!.textContent ?? '').endsWith('\n');
      expect(block.classList.contains('is-inline'), `block ${i}`).toBe(isCutMidLine || continuesLine);
    }
    expect(all.filter((b) => b.classList.contains('is-inline')).length).toBeGreaterThan(1);
    expect(all.filter((b) => !b.classList.contains('is-inline')).length).toBeGreaterThan(1);
  });

  it('copies a selection across blocks as exactly the text it covers', () => {
    const text = lines(0, 300);
    const { container } = renderStreaming(text, 100);
    const all = blocks(container);
    const from = all[0]!.lastChild!;
    const to = all[3]!.lastChild!;
    document.getSelection()!.setBaseAndExtent(from, 5, to, 7);
    const copied: Record<string, string> = {};
    const clipboardData = { setData: (type: string, value: string) => (copied[type] = value) };
    const isDefault = fireEvent.copy(container.querySelector('.out-text')!, { clipboardData });
    // The first block's last node is its generated text, after the 100 echoed characters.
    const start = 100 + 5;
    const end = all.slice(0, 3).reduce((n, b) => n + (b.textContent ?? '').length, 0) + 7;
    expect(isDefault).toBe(false);
    expect(copied['text/plain']).toBe(text.slice(start, end));
  });

  it('draws the right text when the store record of its last change does not line up', () => {
    const { container, store, append } = renderStreaming('abc');
    // A record from an earlier change, of the same length as this one: it must not be drawn.
    append('def', { from: 0, text: 'xyz' });
    append('ghi', { from: 99, text: 'ghi' });
    expect(container.textContent).toBe(store.get().outputs[0]);
    expect(container.textContent).toBe('abcdefghi');
  });
});
