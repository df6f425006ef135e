/**
 * Draws an append-only token list into a container, imperatively and only what is new — the token view's twin of the
 * output's block writer: a frame costs its new tokens, nothing drawn is replaced, and blocks of a few hundred tokens
 * off screen skip layout and paint (`content-visibility: auto` in tokens.css), so a 20,000-token output opens fast.
 */
import { createTokenGrouper, type TokenGroup, type TokenLogprob } from '../../../../shared/token-logprobs';
import { binClass, visibleToken } from './token-scale';

/** Groups per block: small enough that a block re-lays out cheaply, large enough that blocks stay few. */
const GROUPS_PER_BLOCK = 256;

/** The summed logprob of a group (the joint probability of its tokens), or null when none has one. */
export const groupLogprob = (tokens: readonly TokenLogprob[], group: TokenGroup): number | null => {
  let sum = 0;
  let hasAny = false;
  for (const i of group.tokens) {
    const lp = tokens[i]?.logprob;
    if (lp === null || lp === undefined) continue;
    sum += lp;
    hasAny = true;
  }
  return hasAny ? sum : null;
};

/** What the view needs back from the writer. */
export interface TokenWriter {
  /** Draws tokens from `drawn()` to the end of `tokens`. */
  sync(tokens: readonly TokenLogprob[]): void;
  /** Closes a group left open by a stream that ended inside a character. */
  end(tokens: readonly TokenLogprob[]): void;
  /** How many tokens were read. */
  drawn(): number;
  /** The groups drawn so far, in order (index = `data-g` of its span). */
  groups(): readonly TokenGroup[];
  /** The span of group `g`, if drawn. */
  span(g: number): HTMLElement | undefined;
  /** Marks the group holding token `tokenIndex` (now, or when it is drawn); undefined clears the mark. */
  mark(tokenIndex: number | undefined): void;
}

/** The class of a marked token (Compare's first divergence). */
export const MARK_CLASS = 'tok-mark';

/** A block of groups: drawn as spans once near the viewport, as its plain text until then (the same layout). */
interface Block {
  el: HTMLElement;
  first: number;
  count: number;
  isFilled: boolean;
}

/** New groups in one sync past which they are drawn as text first: opening a long output, not streaming. */
const LAZY_FROM = GROUPS_PER_BLOCK;
/** How far outside its scroller a block is drawn as spans ahead of being scrolled to. */
const NEAR_MARGIN = '800px 0px';

/** The nearest scrolling ancestor (the IntersectionObserver's root), or null for the viewport. */
const scrollParentOf = (el: HTMLElement): HTMLElement | null => {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll') return p;
  }
  return null;
};

/**
 * Makes a writer that owns `root`'s children; `echoTokens` leading tokens are marked as the echoed prompt. Only
 * blocks near the viewport are drawn token by token: a long list opened at once is written as each block's text (one
 * text node per block, laid out alike), and a block becomes spans when it nears the scroller's view, so a
 * 20,000-token output opens in the time of a few blocks. Where there is no IntersectionObserver, every block is
 * drawn at once.
 */
export function createTokenWriter(root: HTMLElement, echoTokens = 0): TokenWriter & { dispose(): void } {
  root.replaceChildren();
  const grouper = createTokenGrouper();
  const groups: TokenGroup[] = [];
  const classes: string[] = [];
  const spans: HTMLElement[] = [];
  const blocks: Block[] = [];
  const blockOf = new Map<Element, Block>();
  let read = 0;
  let marked: number | undefined;
  let markedSpan: HTMLElement | undefined;

  const spanFor = (g: number): HTMLElement => {
    const group = groups[g]!;
    const span = document.createElement('span');
    span.className = classes[g]!;
    span.dataset['g'] = String(g);
    // Roving focus: one tab stop for the whole view, on the first token until the user moves it.
    span.tabIndex = g === 0 ? 0 : -1;
    span.textContent = visibleToken(group.text);
    if (marked !== undefined && group.tokens.includes(marked)) {
      span.classList.add(MARK_CLASS);
      markedSpan = span;
    }
    spans[g] = span;
    return span;
  };

  const fill = (block: Block) => {
    if (block.isFilled) return;
    block.isFilled = true;
    observer?.unobserve(block.el);
    const fragment = document.createDocumentFragment();
    for (let g = block.first; g < block.first + block.count; g++) fragment.appendChild(spanFor(g));
    block.el.replaceChildren(fragment);
  };

  const observer =
    typeof IntersectionObserver === 'undefined'
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              const block = e.isIntersecting ? blockOf.get(e.target) : undefined;
              if (block) fill(block);
            }
          },
          { root: scrollParentOf(root), rootMargin: NEAR_MARGIN },
        );

  const draw = (tokens: readonly TokenLogprob[], group: TokenGroup, isLazy: boolean) => {
    let block = blocks[blocks.length - 1];
    if (!block || block.count >= GROUPS_PER_BLOCK) {
      const el = root.appendChild(document.createElement('div'));
      el.className = 'tok-block';
      // The first block always has its spans: it holds the view's one tab stop.
      block = { el, first: groups.length, count: 0, isFilled: !isLazy || !observer || blocks.length === 0 };
      blocks.push(block);
      blockOf.set(el, block);
      if (!block.isFilled) observer?.observe(el);
    }
    const g = groups.length;
    const isEcho = (group.tokens[0] ?? 0) < echoTokens;
    classes.push(`tok ${binClass(groupLogprob(tokens, group))}${isEcho ? ' tok-echo' : ''}`);
    groups.push(group);
    block.count++;
    if (block.isFilled) block.el.appendChild(spanFor(g));
    else block.el.append(visibleToken(group.text));
  };

  return {
    sync(tokens) {
      const isLazy = tokens.length - read > LAZY_FROM;
      for (; read < tokens.length; read++) {
        const token = tokens[read];
        if (!token) continue;
        const group = grouper.push(token, read);
        if (group) draw(tokens, group, isLazy);
      }
      // Text appended piece by piece is many text nodes: one per block lays out the same and costs less.
      if (isLazy) for (const block of blocks) if (!block.isFilled) block.el.normalize();
    },
    end(tokens) {
      const group = grouper.end();
      if (group) draw(tokens, group, false);
    },
    drawn: () => read,
    groups: () => groups,
    span(g) {
      if (g < 0 || g >= groups.length) return undefined;
      const block = blocks[Math.floor(g / GROUPS_PER_BLOCK)];
      if (block) fill(block);
      return spans[g];
    },
    mark(tokenIndex) {
      markedSpan?.classList.remove(MARK_CLASS);
      markedSpan = undefined;
      marked = tokenIndex;
      if (tokenIndex === undefined) return;
      const g = groups.findIndex((group) => group.tokens.includes(tokenIndex));
      if (g < 0) return;
      const span = spans[g];
      if (span) {
        span.classList.add(MARK_CLASS);
        markedSpan = span;
      }
    },
    dispose: () => observer?.disconnect(),
  };
}
