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

/** Makes a writer that owns `root`'s children; `echoTokens` leading tokens are marked as the echoed prompt. */
export function createTokenWriter(root: HTMLElement, echoTokens = 0): TokenWriter {
  root.replaceChildren();
  const grouper = createTokenGrouper();
  const groups: TokenGroup[] = [];
  const spans: HTMLElement[] = [];
  let read = 0;
  let block: HTMLElement | undefined;
  let marked: number | undefined;
  let markedSpan: HTMLElement | undefined;

  const draw = (tokens: readonly TokenLogprob[], group: TokenGroup) => {
    if (!block || block.childElementCount >= GROUPS_PER_BLOCK) {
      block = root.appendChild(document.createElement('div'));
      block.className = 'tok-block';
    }
    const span = block.appendChild(document.createElement('span'));
    const g = groups.length;
    const isEcho = (group.tokens[0] ?? 0) < echoTokens;
    span.className = `tok ${binClass(groupLogprob(tokens, group))}${isEcho ? ' tok-echo' : ''}`;
    span.dataset['g'] = String(g);
    // Roving focus: one tab stop for the whole view, on the first token until the user moves it.
    span.tabIndex = g === 0 ? 0 : -1;
    span.textContent = visibleToken(group.text);
    if (marked !== undefined && group.tokens.includes(marked)) {
      span.classList.add(MARK_CLASS);
      markedSpan = span;
    }
    groups.push(group);
    spans.push(span);
  };

  return {
    sync(tokens) {
      for (; read < tokens.length; read++) {
        const token = tokens[read];
        if (!token) continue;
        const group = grouper.push(token, read);
        if (group) draw(tokens, group);
      }
    },
    end(tokens) {
      const group = grouper.end();
      if (group) draw(tokens, group);
    },
    drawn: () => read,
    groups: () => groups,
    span: (g) => spans[g],
    mark(tokenIndex) {
      markedSpan?.classList.remove(MARK_CLASS);
      markedSpan = undefined;
      marked = tokenIndex;
      if (tokenIndex === undefined) return;
      const g = groups.findIndex((group) => group.tokens.includes(tokenIndex));
      markedSpan = spans[g];
      markedSpan?.classList.add(MARK_CLASS);
    },
  };
}
