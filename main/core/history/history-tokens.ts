/**
 * The token probabilities a history entry keeps, so History can show a past run in the token view. Bounded per run
 * (every entry file is rewritten whole), stored compactly (`bytes` only where they are not the token's own UTF-8),
 * and checked when read back: a damaged file costs its tokens, never the entry.
 */
import type { HistoryEntry } from '../../../shared/api';
import { entryCost, type TokenAlternative, type TokenLogprob } from '../../../shared/token-logprobs';

/**
 * Most token entries (a token and each alternative count one) history keeps per run: about 6 MB of JSON, or 16,000
 * tokens at 5 alternatives. Past it the entry keeps the first tokens only.
 */
export const HISTORY_LOGPROB_ENTRIES = 100_000;

const encoder = new TextEncoder();

/** Whether `bytes` are just the token's text as UTF-8 (then they need not be stored). */
const isOwnBytes = (token: string, bytes: readonly number[]): boolean => {
  const own = encoder.encode(token);
  return own.length === bytes.length && own.every((b, i) => b === bytes[i]);
};

const compactAlternative = ({ bytes, ...rest }: TokenAlternative): TokenAlternative =>
  bytes && !isOwnBytes(rest.token, bytes) ? { ...rest, bytes } : rest;

const compact = ({ bytes, top, ...rest }: TokenLogprob): TokenLogprob => ({
  ...rest,
  ...(bytes && !isOwnBytes(rest.token, bytes) ? { bytes } : {}),
  top: top.map(compactAlternative),
});

/** Collects a run's tokens per choice within HISTORY_LOGPROB_ENTRIES. */
export const createTokenKeeper = (limit = HISTORY_LOGPROB_ENTRIES) => {
  const tokens: TokenLogprob[][] = [];
  const prompt: number[] = [];
  let entries = 0;
  return {
    add(choice: number, logprobs: readonly TokenLogprob[], promptTokens = 0): void {
      const list = (tokens[choice] ??= []);
      let kept = 0;
      for (const t of logprobs) {
        const cost = entryCost(t);
        if (entries + cost > limit) break;
        entries += cost;
        list.push(compact(t));
        kept++;
      }
      if (promptTokens > 0) prompt[choice] = (prompt[choice] ?? 0) + Math.min(kept, promptTokens);
    },
    /** The fields a history entry gets; empty when no token came. */
    fields(): Pick<HistoryEntry, 'tokens' | 'promptTokens'> {
      if (tokens.length === 0) return {};
      return {
        tokens: Array.from(tokens, (list) => list ?? []),
        ...(prompt.length > 0 ? { promptTokens: Array.from(prompt, (n) => n ?? 0) } : {}),
      };
    },
  };
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isAlternative = (v: unknown): boolean =>
  isRecord(v) && typeof v['token'] === 'string' && typeof v['logprob'] === 'number';

const isToken = (v: unknown): boolean =>
  isRecord(v) &&
  typeof v['token'] === 'string' &&
  (v['logprob'] === null || typeof v['logprob'] === 'number') &&
  (v['bytes'] === undefined ||
    (Array.isArray(v['bytes']) && v['bytes'].every((b) => Number.isInteger(b) && b >= 0 && b <= 255))) &&
  Array.isArray(v['top']) &&
  v['top'].every(isAlternative);

/** The stored tokens of an entry when they have the shape the view reads, else undefined (dropped, not thrown on). */
export const storedTokens = (v: unknown): Pick<HistoryEntry, 'tokens' | 'promptTokens'> => {
  if (!isRecord(v) || !Array.isArray(v['tokens'])) return {};
  const tokens = v['tokens'] as unknown[];
  if (!tokens.every((list) => Array.isArray(list) && list.every(isToken))) return {};
  const prompt = v['promptTokens'];
  const isPromptOk = Array.isArray(prompt) && prompt.every((n) => Number.isInteger(n) && (n as number) >= 0);
  return {
    tokens: tokens as TokenLogprob[][],
    ...(isPromptOk ? { promptTokens: prompt as number[] } : {}),
  };
};
