/**
 * OpenAI's legacy `logprobs` object as the plain fake server answers it: `{tokens, token_logprobs, top_logprobs,
 * text_offset}`, with `top` alternatives per position (the chosen token among them), `null` for an echoed prompt's
 * first token, and an emoji split across tokens written as OpenAI writes bytes that are not a whole character
 * (`bytes:\xf0\x9f`). Exported so tests derive their expectations from it instead of hard-coding them.
 */

/** FNV-1a: stable logprobs from text. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/** The chosen token's logprob at a position: stable, in (-3, -0.01]. */
export const fakeLogprob = (piece: string): number => -(0.01 + (hash(piece) % 299) / 100);

/** Made-up alternatives, distinct from any fake word. */
const ALTERNATIVES = [' lake', ' hill', ' cloud', ' stone', ' field', ' tree', ' bird', ' road'];

/** How a fake word is tokenized: an emoji becomes a space and two byte tokens, anything else is one token. */
export const fakeWordTokens = (word: string): string[] => {
  const bytes = [...Buffer.from(word, 'utf8')];
  if (!/\p{Extended_Pictographic}/u.test(word) || bytes.length < 4) return [word];
  const hex = (part: number[]) =>
    'bytes:' + part.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  const emoji = bytes.slice(-4);
  const head = Buffer.from(bytes.slice(0, -4)).toString('utf8');
  return [...(head ? [head] : []), hex(emoji.slice(0, 2)), hex(emoji.slice(2))];
};

/** Tokens of a prompt as the fake echoes it (a run of spaces sticks to the word after it). */
export const fakePromptTokens = (prompt: string): string[] =>
  (prompt.match(/\s*\S+|\s+/gu) ?? []).flatMap(fakeWordTokens);

/** The legacy logprobs object for `tokens`, `top` alternatives each; `nullFirst` for an echoed prompt. */
export const legacyLogprobs = (tokens: string[], top: number, nullFirst = false, offset = 0) => {
  const count = Math.max(0, Math.min(20, top));
  let at = offset;
  return {
    tokens,
    token_logprobs: tokens.map((t, i) => (nullFirst && i === 0 ? null : fakeLogprob(t))),
    top_logprobs: tokens.map((t, i) => {
      if (nullFirst && i === 0) return null;
      const p = Math.exp(fakeLogprob(t));
      const entries: [string, number][] = [[t, Math.log(p)]];
      // The alternatives share what the chosen token leaves (so a position never sums past 100%): at odd-hashed
      // tokens the first alternative is likelier than the chosen one where that fits, so rank-2 choices appear too.
      const rest = 1 - p;
      const first = (hash(t) & 1) === 1 ? Math.min(0.6 * rest, 1.3 * p) : 0.4 * rest;
      for (let k = 0; entries.length < count; k++) {
        // Past the list, a number keeps every alternative distinct (servers allow up to 20).
        const base = ALTERNATIVES[(hash(t) + k) % ALTERNATIVES.length] ?? ' x';
        const alt = k < ALTERNATIVES.length ? base : `${base}${k}`;
        const share = k === 0 ? first : (rest - first) * 0.4 * 0.5 ** (k - 1);
        entries.push([alt, Math.log(Math.max(share, 1e-9))]);
      }
      return Object.fromEntries(entries.slice(0, count));
    }),
    text_offset: tokens.map((t) => {
      const start = at;
      at += t.startsWith('bytes:') ? 0 : t.length;
      return start;
    }),
  };
};

/** The number of alternatives a request asks for, or undefined when it asks for none. */
export const wantedLogprobs = (body: { logprobs?: unknown }): number | undefined =>
  typeof body.logprobs === 'number' && Number.isInteger(body.logprobs) && body.logprobs >= 0
    ? body.logprobs
    : undefined;
