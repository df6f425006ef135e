// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputText } from './output-text';

afterEach(cleanup);

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i} ${'word '.repeat(8)}\n`).join('');

describe('OutputText', () => {
  it('shows the whole text as it grows, and keeps the DOM of closed blocks', () => {
    let text = lines(0, 100);
    const { container, rerender } = render(<OutputText text={text} echoLength={0} soft={256} hard={512} />);
    const blocks = () => [...container.querySelectorAll('.out-block')];
    expect(blocks().length).toBeGreaterThan(10);
    const first = blocks()[0]!.firstChild;
    const firstText = first?.textContent;
    for (let step = 1; step <= 20; step++) {
      text += lines(100 * step, 100 * step + 100);
      rerender(<OutputText text={text} echoLength={0} soft={256} hard={512} />);
    }
    expect(container.textContent).toBe(text);
    expect(blocks().length).toBeGreaterThan(200);
    // The same DOM text node: growing the output (and grouping closed blocks) never remounts an earlier block.
    expect(blocks()[0]!.firstChild).toBe(first);
    expect(first?.textContent).toBe(firstText);
  });

  it('marks the echoed prompt across blocks', () => {
    const text = lines(0, 60);
    const { container } = render(<OutputText text={text} echoLength={1000} soft={256} hard={512} />);
    const echo = [...container.querySelectorAll('.echo')].map((el) => el.textContent).join('');
    expect(echo).toBe(text.slice(0, 1000));
  });
});
