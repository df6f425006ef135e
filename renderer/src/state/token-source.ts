import { useMemo, useSyncExternalStore } from 'react';
import type { TokenLogprob } from '../../../shared/token-logprobs';
import { hasEnded, type RunsState, type RunView } from './run-view';
import { useStores } from './stores-context';
import type { Store } from './tiny-store';

/** What the token view reads of a token list: its length and a token by index (a plain array is one too). */
export interface TokenReader {
  readonly length: number;
  at(index: number): TokenLogprob | undefined;
}

/**
 * A choice's tokens as the runs store holds them: an immutable snapshot of a growing list. Snapshots share one
 * backing array, and each sees only its own first `length` tokens, so appending to the newest costs the new tokens
 * alone — not a copy of the whole list each frame, as a new array per batch would. Appending to an older snapshot
 * (a state kept aside) copies its part first, so no snapshot ever changes under its reader.
 */
export class TokenList implements TokenReader {
  static readonly EMPTY = new TokenList([], 0);
  // A TypeScript-private field, not `#array`: the Electron security audit's parser cannot read `#` fields.
  private array: readonly TokenLogprob[] | undefined;

  private constructor(
    private readonly items: TokenLogprob[],
    readonly length: number,
  ) {}

  /** A list holding a copy of `tokens` (a recorded run's). */
  static of(tokens: readonly TokenLogprob[]): TokenList {
    return new TokenList([...tokens], tokens.length);
  }

  at(index: number): TokenLogprob | undefined {
    return index >= 0 && index < this.length ? this.items[index] : undefined;
  }

  /** This list followed by `more`. */
  append(more: readonly TokenLogprob[]): TokenList {
    if (more.length === 0) return this;
    // Grown in place only by its newest snapshot; never the shared EMPTY's array, which would then keep the first
    // run that grew from it alive for good.
    const isNewest = this.length > 0 && this.items.length === this.length;
    const items = isNewest ? this.items : this.items.slice(0, this.length);
    for (const t of more) items.push(t);
    return new TokenList(items, items.length);
  }

  /** The tokens as an array, made once per snapshot: for what reads the whole list (figures, ranking, export). */
  toArray(): readonly TokenLogprob[] {
    return (this.array ??= this.items.slice(0, this.length));
  }
}

/** Any token reader as an array (a TokenList's copy, or the array itself). */
export const tokenArray = (tokens: TokenReader | undefined): readonly TokenLogprob[] | undefined =>
  tokens === undefined || Array.isArray(tokens) ? tokens : (tokens as TokenList).toArray();

/**
 * Where the token view reads a choice's tokens: an append-only list, and a signal when it grew. Like the output's
 * TextSource, it is read where it is drawn, so a frame's new tokens reach the DOM without re-rendering any component.
 */
export interface TokenSource {
  get(): TokenReader;
  subscribe(listener: () => void): () => void;
  /** Whether no more tokens will come (closes a group left open inside a character). */
  isFinished(): boolean;
}

/** One delta's contribution to a choice's tokens. */
export interface TokenDelta {
  choice: number;
  logprobs?: readonly TokenLogprob[];
  promptTokens?: number;
}

/** A run's token lists: per choice, the tokens so far and how many leading ones are the echoed prompt. */
export interface RunTokens {
  tokens?: readonly TokenList[];
  promptTokens?: readonly number[];
}

/**
 * A batch of deltas applied to a run's token lists; undefined when no delta carried tokens. Each touched choice's
 * list grows once per batch, by its new tokens only (TokenList).
 */
export function appendTokens(run: RunTokens, deltas: readonly TokenDelta[]): RunTokens | undefined {
  let added: TokenLogprob[][] | undefined;
  let prompt: number[] | undefined;
  for (const d of deltas) {
    if (!d.logprobs || d.logprobs.length === 0) continue;
    added ??= [];
    (added[d.choice] ??= []).push(...d.logprobs);
    if (d.promptTokens) {
      prompt ??= [...(run.promptTokens ?? [])];
      prompt[d.choice] = (prompt[d.choice] ?? 0) + d.promptTokens;
    }
  }
  if (!added) return undefined;
  const before = run.tokens ?? [];
  const tokens: TokenList[] = [];
  for (let i = 0; i < Math.max(before.length, added.length); i++) {
    const old = before[i] ?? TokenList.EMPTY;
    const more = added[i];
    tokens.push(more ? old.append(more) : old);
  }
  return { tokens, promptTokens: prompt ? Array.from(prompt, (n) => n ?? 0) : run.promptTokens };
}

/** Whether a request body asks the server for token probabilities. */
export const asksForLogprobs = (body: Readonly<Record<string, unknown>> | undefined): boolean =>
  body?.['logprobs'] !== undefined && body['logprobs'] !== null && body['logprobs'] !== false;

/** The tokens of choice `index` of the run `selectRun` finds in a store. */
export const tokenSource = <S>(
  store: Store<S>,
  selectRun: (state: S) => RunView | undefined,
  index: number,
): TokenSource => ({
  get: () => selectRun(store.get())?.tokens?.[index] ?? TokenList.EMPTY,
  subscribe: store.subscribe,
  isFinished: () => hasEnded(selectRun(store.get())),
});

/** What an output needs to offer the token view for one choice. */
export interface ChoiceTokensView {
  source: TokenSource;
  /** Leading tokens that are the echoed prompt (shaded in the view, left out of the figures). */
  promptTokens: number;
  /** Whether any token has arrived. */
  hasTokens: boolean;
  /** The request asked for probabilities, text came, and no token did: the server returned none. */
  isMissing: boolean;
}

/** Facts about a choice's tokens that change rarely, packed in a number so the hook re-renders only on a change. */
const factsOf = (run: RunView | undefined, index: number): number => {
  if (!run) return 0;
  const count = run.tokens?.[index]?.length ?? 0;
  const isMissing = count === 0 && run.wantsLogprobs === true && (run.outputs[index] ?? '') !== '';
  // promptTokens * 4 + flags: the prompt's token count changes once (echo), the flags at most twice.
  return (run.promptTokens?.[index] ?? 0) * 4 + (count > 0 ? 1 : 0) + (isMissing ? 2 : 0);
};

/** The token view's source for choice `index` of run `runId`, and whether probabilities came or were missing. */
export function useTokenSource(runId: string, index: number): ChoiceTokensView {
  const { store } = useStores().runs;
  const source = useMemo(
    () => tokenSource(store, (runs: RunsState) => runs[runId], index),
    [store, runId, index],
  );
  const read = () => factsOf(store.get()[runId], index);
  const facts = useSyncExternalStore(store.subscribe, read, read);
  return {
    source,
    promptTokens: Math.floor(facts / 4),
    hasTokens: (facts & 1) === 1,
    isMissing: (facts & 2) === 2,
  };
}
