// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { binClass } from './token-scale';
import { MAX_GROUPS_PER_BLOCK } from './token-writer';
import { TokenView, type TokenSource, type TokenViewHandle } from './token-view';

afterEach(cleanup);

const tok = (token: string, p: number, alts: [string, number][] = []): TokenLogprob => ({
  token,
  logprob: Math.log(p),
  top: [[token, p] as [string, number], ...alts]
    .map(([t, q]) => ({ token: t, logprob: Math.log(q) }))
    .sort((a, b) => b.logprob - a.logprob),
});

/** An append-only token list with a listener, as a run store would provide it. */
function liveSource(initial: TokenLogprob[] = []) {
  const tokens = [...initial];
  const listeners = new Set<() => void>();
  let finished = false;
  const source: TokenSource = {
    get: () => tokens,
    subscribe(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    isFinished: () => finished,
  };
  const push = (...more: TokenLogprob[]) =>
    act(() => {
      tokens.push(...more);
      for (const l of listeners) l();
    });
  const finish = () =>
    act(() => {
      finished = true;
      for (const l of listeners) l();
    });
  return { source, push, finish };
}

const spans = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.tok')];

describe('TokenView', () => {
  it('colours each token by its probability bin and shows whitespace inside tokens', () => {
    const { source } = liveSource([tok('Hello', 0.95), tok(' world', 0.2), tok('\n', 0.5)]);
    const { container } = render(<TokenView source={source} label="Tokens" />);
    const drawn = spans(container);
    expect(drawn.map((s) => s.textContent)).toEqual(['Hello', ' world', '↵\n']);
    expect(drawn[0]?.classList.contains(binClass(Math.log(0.95)))).toBe(true);
    expect(drawn[1]?.classList.contains(binClass(Math.log(0.2)))).toBe(true);
    expect(binClass(Math.log(0.95))).not.toBe(binClass(Math.log(0.2)));
  });

  it('has one tab stop; arrow keys move token to token and focus opens the details', async () => {
    const user = userEvent.setup();
    const { source } = liveSource([
      tok('A', 0.9, [['B', 0.05]]),
      tok(' cat', 0.4, [
        [' dog', 0.3],
        [' cow', 0.1],
      ]),
      tok('.', 0.7),
    ]);
    const { container } = render(<TokenView source={source} label="Tokens" />);
    expect(spans(container).filter((s) => s.tabIndex === 0)).toHaveLength(1);
    await user.tab();
    expect(document.activeElement?.textContent).toBe('A');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toBe(' cat');
    expect(spans(container).filter((s) => s.tabIndex === 0)).toEqual([document.activeElement]);
    const details = screen.getByRole('dialog', { name: 'Token details' });
    expect(within(details).getByText(/40\.0% · logprob -0\.916/)).toBeTruthy();
    expect(within(details).getByText(/Rank 1 of 3/)).toBeTruthy();
    expect(within(details).getByText(/entropy/)).toBeTruthy();
    expect(
      within(details)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toContain('·dog30.0%-1.204');
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"Continue with" hands the position and the alternative to the caller', async () => {
    const user = userEvent.setup();
    const onBranch = vi.fn();
    const { source } = liveSource([tok('A', 0.9), tok(' cat', 0.4, [[' dog', 0.3]])]);
    render(<TokenView source={source} label="Tokens" onBranch={onBranch} />);
    await user.tab();
    await user.keyboard('{ArrowRight}');
    // The details are in a portal (out of the tab order): Tab from the token still enters them.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue with ·dog' }));
    await user.click(screen.getByRole('button', { name: 'Continue with ·dog' }));
    expect(onBranch).toHaveBeenCalledWith(1, expect.objectContaining({ token: ' dog' }));
  });

  it('does not offer branching inside the echoed prompt', async () => {
    const user = userEvent.setup();
    const { source } = liveSource([tok('Q', 0.5, [['R', 0.2]]), tok('!', 0.5, [['?', 0.2]])]);
    render(<TokenView source={source} label="Tokens" echoTokens={1} onBranch={() => undefined} />);
    await user.tab();
    expect(screen.queryByRole('button', { name: /Continue with/ })).toBeNull();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Continue with ?' })).toBeTruthy();
  });

  it('streams without re-rendering, and joins a character split across tokens', () => {
    const euro = [...new TextEncoder().encode('€')];
    const { source, push, finish } = liveSource([tok('Cost', 0.9)]);
    let renders = 0;
    const { container } = render(
      <Profiler id="t" onRender={() => (renders += 1)}>
        <TokenView source={source} label="Tokens" />
      </Profiler>,
    );
    const before = renders;
    push(tok(' ', 0.8));
    push({ token: '', bytes: euro.slice(0, 2), logprob: Math.log(0.5), top: [] });
    expect(spans(container).map((s) => s.textContent)).toEqual(['Cost', ' ']);
    push({ token: '', bytes: euro.slice(2), logprob: Math.log(0.9), top: [] }, tok('5', 0.3));
    finish();
    expect(renders).toBe(before);
    expect(spans(container).map((s) => s.textContent)).toEqual(['Cost', ' ', '€', '5']);
    expect(container.textContent).not.toContain('\uFFFD');
  });

  it('focusToken jumps to the group holding a token', () => {
    const ref = createRef<TokenViewHandle>();
    const { source } = liveSource([tok('a', 0.5), tok('b', 0.5), tok('c', 0.01)]);
    render(<TokenView source={source} label="Tokens" ref={ref} />);
    act(() => ref.current?.focusToken(2));
    expect(document.activeElement?.textContent).toBe('c');
    expect(screen.getByRole('dialog', { name: 'Token details' })).toBeTruthy();
  });
});

describe('TokenView of a long output', () => {
  /** An IntersectionObserver the test drives: it records what is observed and reports what the test says. */
  class FakeObserver {
    static last: FakeObserver | undefined;
    observed = new Set<Element>();
    constructor(
      private readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
    ) {
      FakeObserver.last = this;
    }
    observe(el: Element) {
      this.observed.add(el);
    }
    unobserve(el: Element) {
      this.observed.delete(el);
    }
    disconnect() {
      this.observed.clear();
    }
    show(...els: Element[]) {
      act(() => this.callback(els.map((target) => ({ target, isIntersecting: true }))));
    }
    hide(el: Element) {
      act(() => this.callback([{ target: el, isIntersecting: false }]));
    }
  }
  beforeEach(() => vi.stubGlobal('IntersectionObserver', FakeObserver));
  afterEach(() => vi.unstubAllGlobals());

  it('draws only blocks near the view as tokens, the rest as their text, and tokens on demand', () => {
    const words = Array.from({ length: 1500 }, (_, i) => tok(` w${i}`, 0.5));
    const ref = createRef<TokenViewHandle>();
    const { container } = render(<TokenView source={liveSource(words).source} label="Tokens" ref={ref} />);
    const blocks = [...container.querySelectorAll('.tok-block')];
    expect(blocks).toHaveLength(Math.ceil(1500 / 256));
    const spansIn = (block: Element | undefined) => block?.querySelectorAll('.tok').length;
    // The whole text is there from the start; only the first block (the tab stop) and the last three (what a view
    // following its output shows first) are tokens yet.
    expect(container.textContent).toBe(words.map((w) => w.token).join(''));
    expect(blocks.map(spansIn)).toEqual([256, 0, 0, 256, 256, 1500 - 5 * 256]);
    // Every block is watched: one drawn as tokens goes back to text when it leaves the view's neighbourhood.
    expect(FakeObserver.last?.observed.size).toBe(blocks.length);
    FakeObserver.last?.show(blocks[2]!);
    expect(spansIn(blocks[2])).toBe(256);
    expect(spansIn(blocks[1])).toBe(0);
    // Keyboard and figures reach any token: its block is drawn when asked for.
    act(() => ref.current?.focusToken(300));
    expect(document.activeElement?.textContent).toBe(' w300');
    expect(spans(container)).toHaveLength(1500);
    expect(screen.getByRole('group', { name: 'Tokens' }).textContent).toBe(
      words.map((w) => w.token).join(''),
    );
  });

  it('spreads many blocks coming near the view at once over frames, a few per frame', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    try {
      const words = Array.from({ length: 3000 }, (_, i) => tok(` w${i}`, 0.5));
      const { container } = render(<TokenView source={liveSource(words).source} label="Tokens" />);
      const blocks = [...container.querySelectorAll('.tok-block')];
      const isDrawn = (block: Element) => block.querySelector('.tok') !== null;
      const textOnly = blocks.filter((b) => !isDrawn(b));
      expect(textOnly.length).toBeGreaterThan(4);
      // All of them near the view in one report: a couple are drawn at once, the others in the frames after.
      FakeObserver.last?.show(...textOnly);
      const drawnNow = textOnly.filter(isDrawn).length;
      expect(drawnNow).toBeGreaterThan(0);
      expect(drawnNow).toBeLessThan(textOnly.length);
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      expect(textOnly.filter(isDrawn).length).toBeGreaterThan(drawnNow);
      for (let i = 0; i < textOnly.length; i++)
        act(() => {
          vi.advanceTimersToNextFrame();
        });
      expect(textOnly.every(isDrawn)).toBe(true);
      expect(container.textContent).toBe(words.map((w) => w.token).join(''));
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends blocks at line ends where the text has them, so a block boundary never breaks a line early', () => {
    // Lines of 10 tokens, the last of each ending the line; then one line longer than a block.
    const lined = Array.from({ length: 600 }, (_, i) => tok(i % 10 === 9 ? ` e${i}\n` : ` w${i}`, 0.5));
    const long = Array.from({ length: MAX_GROUPS_PER_BLOCK + 40 }, (_, i) => tok(` x${i}`, 0.5));
    const words = [...lined, ...long];
    const ref = createRef<TokenViewHandle>();
    const live = liveSource();
    const { container } = render(<TokenView source={live.source} label="Tokens" ref={ref} />);
    for (let i = 0; i < words.length; i += 33) live.push(...words.slice(i, i + 33));
    const blocks = [...container.querySelectorAll<HTMLElement>('.tok-block')];
    const sizes = blocks.map((b) => b.querySelectorAll('.tok').length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(words.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_GROUPS_PER_BLOCK);
    // Every block of the lined text ends its last line; the long line is broken only where a block is full.
    const linedBlocks = blocks.filter((b) => b.textContent?.includes(' e'));
    expect(linedBlocks.length).toBeGreaterThan(1);
    for (const block of linedBlocks.slice(0, -1)) expect(block.textContent?.endsWith('\n')).toBe(true);
    expect(sizes.filter((n) => n === MAX_GROUPS_PER_BLOCK)).toHaveLength(1);
    // A token in any block is reached by the keyboard, whatever the blocks' sizes.
    act(() => ref.current?.focusToken(lined.length + 5));
    expect(document.activeElement?.textContent).toBe(' x5');
    act(() => ref.current?.focusToken(415));
    expect(document.activeElement?.textContent).toBe(' w415');
  });

  it('keeps spans only near the view: a block far away is text again, unless it holds the tab stop or the mark', () => {
    const words = Array.from({ length: 700 }, (_, i) => tok(` w${i}`, i % 7 === 0 ? 0.05 : 0.9));
    const ref = createRef<TokenViewHandle>();
    const live = liveSource();
    const { container } = render(<TokenView source={live.source} label="Tokens" ref={ref} markToken={600} />);
    // Streamed a few tokens per frame: every block is drawn as tokens as it comes, across block boundaries.
    for (let i = 0; i < words.length; i += 33) live.push(...words.slice(i, i + 33));
    const blocks = [...container.querySelectorAll<HTMLElement>('.tok-block')];
    expect(blocks).toHaveLength(3);
    expect(spans(container)).toHaveLength(700);
    const classesOf = (block: HTMLElement) => [...block.querySelectorAll('.tok')].map((s) => s.className);
    const block1Classes = classesOf(blocks[1]!);
    // The first block holds the tab stop and the last the mark: leaving the view does not take their spans.
    for (const block of blocks) FakeObserver.last?.hide(block);
    expect(blocks[0]?.querySelectorAll('.tok')).toHaveLength(256);
    expect(blocks[1]?.querySelectorAll('.tok')).toHaveLength(0);
    expect(blocks[1]?.textContent).toBe(
      words
        .slice(256, 512)
        .map((w) => w.token)
        .join(''),
    );
    expect(blocks[2]?.querySelectorAll('.tok-mark')).toHaveLength(1);
    // Back near the view, the block is drawn as the same tokens, coloured alike.
    FakeObserver.last?.show(blocks[1]!);
    expect(classesOf(blocks[1]!)).toEqual(block1Classes);
    // The tab stop moves into block 1; block 0 may then go back to text, and there is still exactly one tab stop.
    act(() => ref.current?.focusToken(300));
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    FakeObserver.last?.hide(blocks[0]!);
    expect(blocks[0]?.querySelectorAll('.tok')).toHaveLength(0);
    FakeObserver.last?.show(blocks[0]!);
    expect(
      spans(container)
        .filter((s) => s.tabIndex === 0)
        .map((s) => s.textContent),
    ).toEqual([' w300']);
    expect(container.textContent).toBe(words.map((w) => w.token).join(''));
  });
});
