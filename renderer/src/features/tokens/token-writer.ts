/**
 * Draws an append-only token list into a container, imperatively and only what is new — the token view's twin of the
 * output's block writer: a frame costs its new tokens, nothing drawn is replaced, and blocks of a few hundred tokens
 * off screen skip layout and paint (`content-visibility: auto` in tokens.css), so a 20,000-token output opens fast.
 * Only blocks near the scroller's view hold token spans: a block that leaves its neighbourhood goes back to one text
 * node (laid out alike), so what every frame's style, paint and prepaint walk stays a few blocks however long the
 * output grows.
 */
import { createTokenGrouper, type TokenGroup } from '../../../../shared/token-logprobs';
import type { TokenReader } from '../../state/token-source';
import { binClass, visibleToken } from './token-scale';

/**
 * Most groups in a block: small enough that the block a stream grows re-lays out and repaints cheaply, large enough
 * that blocks stay few. A block is a box, so the next one starts a new line: a block therefore closes after a group
 * that ends a line once it holds SOFT_GROUPS, and only a line longer than that is broken where it is full.
 */
export const MAX_GROUPS_PER_BLOCK = 256;
const SOFT_GROUPS = MAX_GROUPS_PER_BLOCK / 2;

/** The summed logprob of a group (the joint probability of its tokens), or null when none has one. */
export const groupLogprob = (tokens: TokenReader, group: TokenGroup): number | null => {
  let sum = 0;
  let hasAny = false;
  for (const i of group.tokens) {
    const lp = tokens.at(i)?.logprob;
    if (lp === null || lp === undefined) continue;
    sum += lp;
    hasAny = true;
  }
  return hasAny ? sum : null;
};

/** What the view needs back from the writer. */
export interface TokenWriter {
  /** Draws tokens from `drawn()` to the end of `tokens`. */
  sync(tokens: TokenReader): void;
  /** Closes a group left open by a stream that ended inside a character. */
  end(tokens: TokenReader): void;
  /** How many tokens were read. */
  drawn(): number;
  /** The groups drawn so far, in order (index = `data-g` of its span). */
  groups(): readonly TokenGroup[];
  /** The span of group `g` (drawn now if its block held text only), or undefined past the end. */
  span(g: number): HTMLElement | undefined;
  /** Moves the view's one tab stop (roving focus) to group `g`; its block keeps its spans while it has it. */
  setTabStop(g: number): void;
  /** Marks the group holding token `tokenIndex` (now, or when it is drawn); undefined clears the mark. */
  mark(tokenIndex: number | undefined): void;
}

/** The class of a marked token (Compare's first divergence). */
export const MARK_CLASS = 'tok-mark';

/** A block of groups: drawn as spans while near the viewport, as its plain text otherwise (the same layout). */
interface Block {
  el: HTMLElement;
  first: number;
  count: number;
  isFilled: boolean;
}

/** New groups in one sync past which they are drawn as text first: opening a long output, not streaming. */
const LAZY_FROM = MAX_GROUPS_PER_BLOCK;
/** Blocks at the end of a long list drawn as tokens at once (about a screen and a half of text). */
const EAGER_TAIL = 3;
/**
 * How far outside its scroller a block is drawn as spans ahead of being scrolled to; one farther away goes back to
 * text. Wider than content-visibility's own margin, so a block changes only while it is skipped (no layout).
 */
const NEAR_MARGIN_PX = 800;
const NEAR_MARGIN = `${NEAR_MARGIN_PX}px 0px`;
/** Blocks drawn as spans per frame when many come near the view at once (a block is a few hundred spans). */
const FILLS_PER_FRAME = 2;

/** How far an observed block is from the scroller's view itself (its root bounds less the margin), in pixels. */
const distanceToView = (e: IntersectionObserverEntry): number => {
  const bounds = e.rootBounds;
  if (!bounds) return 0;
  const top = bounds.top + NEAR_MARGIN_PX;
  const bottom = bounds.bottom - NEAR_MARGIN_PX;
  return Math.max(0, top - e.boundingClientRect.bottom, e.boundingClientRect.top - bottom);
};

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
 * text node per block, laid out alike), a block becomes spans when it nears the scroller's view and text again when
 * it leaves it, so a 20,000-token output opens in the time of a few blocks and a long stream keeps few spans. Where
 * there is no IntersectionObserver, every block is drawn at once and stays drawn.
 */
export function createTokenWriter(root: HTMLElement, echoTokens = 0): TokenWriter & { dispose(): void } {
  root.replaceChildren();
  const grouper = createTokenGrouper();
  const groups: TokenGroup[] = [];
  /** The token list last synced (append-only: any later one holds every drawn group's tokens too). */
  let latest: TokenReader = [];
  const spans: (HTMLElement | undefined)[] = [];
  const blocks: Block[] = [];
  const blockOf = new Map<Element, Block>();
  let read = 0;
  let tabStop = 0;
  let marked: number | undefined;
  let markedSpan: HTMLElement | undefined;

  /** The blocks a sync added spans to, each with its new spans gathered: one DOM insertion per block and frame. */
  const pendingSpans = new Map<Block, DocumentFragment>();
  /** Likewise for blocks drawn as text: their text, written at once (one text node). */
  const pendingText = new Map<Block, string>();

  const spanFor = (g: number): HTMLElement => {
    const group = groups[g]!;
    const span = document.createElement('span');
    // The class is worked out here, not when the group is read: a long output opened at once draws few spans.
    const isEcho = (group.tokens[0] ?? 0) < echoTokens;
    span.className = `tok ${binClass(groupLogprob(latest, group))}${isEcho ? ' tok-echo' : ''}`;
    span.dataset['g'] = String(g);
    // Roving focus: one tab stop for the whole view, on the first token until the user moves it.
    span.tabIndex = g === tabStop ? 0 : -1;
    span.textContent = visibleToken(group.text);
    if (marked !== undefined && group.tokens.includes(marked)) {
      span.classList.add(MARK_CLASS);
      markedSpan = span;
    }
    spans[g] = span;
    return span;
  };

  const blockTextOf = (block: Block): string => {
    let text = '';
    for (let g = block.first; g < block.first + block.count; g++) text += visibleToken(groups[g]!.text);
    return text;
  };

  const fill = (block: Block) => {
    if (block.isFilled) return;
    block.isFilled = true;
    // Its spans are made from the groups: text gathered for it in this sync is in them already.
    pendingText.delete(block);
    const fragment = document.createDocumentFragment();
    for (let g = block.first; g < block.first + block.count; g++) fragment.appendChild(spanFor(g));
    block.el.replaceChildren(fragment);
  };

  /** Back to one text node, unless the block holds the tab stop, the focus or the mark (they live in spans). */
  const unfill = (block: Block) => {
    const last = block.first + block.count;
    const holds = (g: number | undefined) => g !== undefined && g >= block.first && g < last;
    const markedGroup = markedSpan ? Number(markedSpan.dataset['g']) : undefined;
    if (!block.isFilled || holds(tabStop) || holds(markedGroup) || block.el.contains(document.activeElement))
      return;
    block.isFilled = false;
    for (let g = block.first; g < last; g++) spans[g] = undefined;
    block.el.textContent = blockTextOf(block);
  };

  /**
   * Blocks that came near the view and wait to be drawn as spans, nearest first: a frame draws at most
   * FILLS_PER_FRAME of them, so the first look at a long output (every block near the bottom at once) or a fast
   * scroll spreads its spans over frames instead of making one long frame. A block not drawn yet shows its text, laid
   * out alike: only its colours come a frame later.
   */
  let waiting: Block[] = [];
  let fillFrame: number | undefined;
  /** Draws this frame's share of the waiting blocks, and asks for another frame while some are left. */
  const fillSome = () => {
    fillFrame = undefined;
    for (const block of waiting.splice(0, FILLS_PER_FRAME)) fill(block);
    if (waiting.length > 0) fillFrame ??= requestAnimationFrame(fillSome);
  };

  const observer =
    typeof IntersectionObserver === 'undefined'
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            const near: { block: Block; distance: number }[] = [];
            for (const e of entries) {
              const block = blockOf.get(e.target);
              if (!block) continue;
              if (!e.isIntersecting) {
                waiting = waiting.filter((b) => b !== block);
                unfill(block);
              } else if (!block.isFilled) near.push({ block, distance: distanceToView(e) });
            }
            if (near.length === 0) return;
            const fresh = near.sort((a, b) => a.distance - b.distance).map((n) => n.block);
            waiting = [...fresh, ...waiting.filter((b) => !fresh.includes(b))];
            // The nearest go in now, in the frame the observer reports them for; the rest over the next frames.
            if (fillFrame !== undefined) cancelAnimationFrame(fillFrame);
            fillSome();
          },
          { root: scrollParentOf(root), rootMargin: NEAR_MARGIN },
        );

  /** Whether the last block takes no more groups: full, or past its soft size and ended on a line end. */
  const isClosed = (block: Block): boolean =>
    block.count >= MAX_GROUPS_PER_BLOCK ||
    (block.count >= SOFT_GROUPS && (groups[block.first + block.count - 1]?.text.endsWith('\n') ?? false));

  /** The block holding group `g` (blocks are in order of their first group). */
  const blockAt = (g: number): Block | undefined => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]!.first <= g) lo = mid;
      else hi = mid - 1;
    }
    return blocks[lo];
  };

  const draw = (group: TokenGroup, isLazy: boolean) => {
    let block = blocks[blocks.length - 1];
    if (!block || isClosed(block)) {
      const el = root.appendChild(document.createElement('div'));
      el.className = 'tok-block';
      // The first block always starts with its spans: it holds the view's one tab stop.
      block = { el, first: groups.length, count: 0, isFilled: !isLazy || !observer || blocks.length === 0 };
      blocks.push(block);
      blockOf.set(el, block);
      observer?.observe(el);
    }
    const g = groups.length;
    groups.push(group);
    block.count++;
    if (block.isFilled) {
      let fragment = pendingSpans.get(block);
      if (!fragment) pendingSpans.set(block, (fragment = document.createDocumentFragment()));
      fragment.appendChild(spanFor(g));
    } else pendingText.set(block, (pendingText.get(block) ?? '') + visibleToken(group.text));
  };

  const flush = () => {
    for (const [block, fragment] of pendingSpans) block.el.appendChild(fragment);
    // A block's text so far plus what came: one text node per block lays out the same as many, and costs less.
    for (const [block, text] of pendingText) block.el.textContent = (block.el.textContent ?? '') + text;
    pendingSpans.clear();
    pendingText.clear();
  };

  return {
    sync(tokens) {
      latest = tokens;
      const isLazy = tokens.length - read > LAZY_FROM;
      const firstNew = blocks.length;
      for (; read < tokens.length; read++) {
        const token = tokens.at(read);
        if (!token) continue;
        const group = grouper.push(token, read);
        if (group) draw(group, isLazy);
      }
      // The last blocks are drawn as tokens at once: a view following its output shows them first, and laying them
      // out as text and then again as spans a frame later would shape their text twice. Unseen, they cost no layout.
      if (isLazy)
        for (const block of blocks.slice(Math.max(firstNew, blocks.length - EAGER_TAIL))) fill(block);
      flush();
    },
    end(tokens) {
      latest = tokens;
      const group = grouper.end();
      if (group) draw(group, false);
      flush();
    },
    drawn: () => read,
    groups: () => groups,
    span(g) {
      if (g < 0 || g >= groups.length) return undefined;
      const block = blockAt(g);
      if (block) fill(block);
      return spans[g];
    },
    setTabStop(g) {
      const old = spans[tabStop];
      if (old) old.tabIndex = -1;
      tabStop = g;
      const span = spans[g];
      if (span) span.tabIndex = 0;
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
    dispose: () => {
      observer?.disconnect();
      if (fillFrame !== undefined) cancelAnimationFrame(fillFrame);
    },
  };
}
