/**
 * Token probabilities in one shape, whatever the server sent. OpenAI's legacy completions API (and vLLM, SGLang) send
 * `logprobs: { tokens, token_logprobs, top_logprobs: [{ token: logprob }], text_offset }`; llama.cpp's server sends
 * the chat-style `logprobs: { content: [{ id, token, bytes, logprob, top_logprobs: [...] }] }`, one entry per streamed
 * chunk. Both are read leniently (a malformed entry is skipped, never thrown on) into `TokenLogprob`s.
 */

/** One candidate at a position: the token text, its natural-log probability, and its bytes where the server gave them. */
export interface TokenAlternative {
  token: string;
  logprob: number;
  bytes?: number[];
  id?: number;
}

/** One generated (or echoed) token: what was chosen, its logprob (null for an echoed prompt's first token), and the top alternatives. */
export interface TokenLogprob {
  token: string;
  /** `null` where the server has no probability (the first token of an echoed prompt). */
  logprob: number | null;
  bytes?: number[];
  id?: number;
  /** The most likely tokens at this position, most likely first (may include the chosen one). */
  top: TokenAlternative[];
}

/** Most alternatives kept per position: servers allow up to 20 (OpenAI 5); more is a hostile or broken answer. */
export const MAX_ALTERNATIVES = 20;
/**
 * Most token entries (a token and each of its alternatives count one) a run keeps, all choices together: at 20
 * alternatives a position costs about 2 kB in memory, so this bounds a run's probabilities near 50 MB. Past it the
 * text goes on without probabilities (the token view then ends early).
 */
export const RUN_LOGPROB_ENTRIES = 500_000;

/** How many entries a token costs against RUN_LOGPROB_ENTRIES: itself and its alternatives. */
export const entryCost = (t: TokenLogprob): number => 1 + t.top.length;

/** Most tokens read from one payload, so a broken server cannot make one chunk allocate without bound. */
const MAX_TOKENS_PER_PAYLOAD = 100_000;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const finiteOrNull = (v: unknown): number | null | undefined =>
  v === null ? null : typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** A byte array as servers send it: integers 0–255, or undefined when anything else is there. */
const bytesOf = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)
    ? (v as number[])
    : undefined;

/** The llama.cpp (chat-style) entry form `{ id, token, bytes, logprob }`. */
const alternativeOf = (v: unknown): TokenAlternative | undefined => {
  if (!isRecord(v) || typeof v['token'] !== 'string') return undefined;
  const logprob = finiteOrNull(v['logprob']);
  if (typeof logprob !== 'number') return undefined;
  const bytes = bytesOf(v['bytes']);
  const id = v['id'];
  return {
    token: v['token'],
    logprob,
    ...(bytes ? { bytes } : {}),
    ...(typeof id === 'number' && Number.isInteger(id) ? { id } : {}),
  };
};

const byLikelihood = (a: TokenAlternative, b: TokenAlternative) => b.logprob - a.logprob;

const fromContent = (content: unknown[]): TokenLogprob[] => {
  const out: TokenLogprob[] = [];
  for (const entry of content.slice(0, MAX_TOKENS_PER_PAYLOAD)) {
    if (!isRecord(entry) || typeof entry['token'] !== 'string') continue;
    const logprob = finiteOrNull(entry['logprob']);
    if (logprob === undefined) continue;
    const top = Array.isArray(entry['top_logprobs'])
      ? entry['top_logprobs']
          .slice(0, MAX_ALTERNATIVES)
          .map(alternativeOf)
          .filter((a): a is TokenAlternative => a !== undefined)
          .sort(byLikelihood)
      : [];
    const bytes = bytesOf(entry['bytes']);
    const id = entry['id'];
    out.push({
      token: entry['token'],
      logprob,
      top,
      ...(bytes ? { bytes } : {}),
      ...(typeof id === 'number' && Number.isInteger(id) ? { id } : {}),
    });
  }
  return out;
};

/**
 * OpenAI marks a token that is only part of a UTF-8 character as `bytes:\xe2\x80` (its raw bytes, escaped); turn
 * that back into the bytes so the view can join it with its neighbours instead of showing escapes or U+FFFD.
 */
const legacyToken = (token: string): { token: string; bytes?: number[] } => {
  if (!token.startsWith('bytes:')) return { token };
  const bytes: number[] = [];
  const rest = token.slice(6);
  for (let i = 0; i < rest.length;) {
    const m = /^\\x([0-9a-fA-F]{2})/.exec(rest.slice(i, i + 4));
    if (!m?.[1]) return { token };
    bytes.push(parseInt(m[1], 16));
    i += 4;
  }
  return { token: '', bytes };
};

const fromLegacy = (lp: Record<string, unknown>): TokenLogprob[] => {
  const tokens = lp['tokens'];
  const logprobs = lp['token_logprobs'];
  const tops = lp['top_logprobs'];
  if (!Array.isArray(tokens) || !Array.isArray(logprobs)) return [];
  const out: TokenLogprob[] = [];
  const count = Math.min(tokens.length, logprobs.length, MAX_TOKENS_PER_PAYLOAD);
  for (let i = 0; i < count; i++) {
    const raw = tokens[i] as unknown;
    const logprob = finiteOrNull(logprobs[i]);
    if (typeof raw !== 'string' || logprob === undefined) continue;
    const topRaw: unknown = Array.isArray(tops) ? tops[i] : undefined;
    const top: TokenAlternative[] = isRecord(topRaw)
      ? Object.entries(topRaw)
          .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
          .slice(0, MAX_ALTERNATIVES)
          .map(([token, value]) => ({ ...legacyToken(token), logprob: value }))
          .sort(byLikelihood)
      : [];
    out.push({ ...legacyToken(raw), logprob, top });
  }
  return out;
};

/**
 * Reads a choice's `logprobs` field in either shape. Returns undefined when the field is absent or null (the server
 * sent no probabilities), and an array (possibly empty) when it was there.
 */
export const parseLogprobs = (value: unknown): TokenLogprob[] | undefined => {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value['content'])) return fromContent(value['content']);
  if (Array.isArray(value['tokens'])) return fromLegacy(value);
  return undefined;
};

/** The bytes a token stands for: its own bytes where given, else its text as UTF-8. */
export const tokenBytes = (t: { token: string; bytes?: number[] }): Uint8Array =>
  t.bytes ? Uint8Array.from(t.bytes) : new TextEncoder().encode(t.token);

/** A run of tokens drawn as one piece of text: one token, or several whose bytes only together make characters. */
export interface TokenGroup {
  text: string;
  /** Indexes into the token list, in order. */
  tokens: number[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a token stands alone as whole characters (see createTokenGrouper's fast path). */
const isWhole = (t: { token: string; bytes?: number[] }): boolean => {
  if (!t.bytes) return t.token !== '' && !LONE_SURROGATE.test(t.token);
  const first = t.bytes[0];
  return (
    first !== undefined &&
    (first & 0xc0) !== 0x80 &&
    endsOnCharacter(t.bytes) &&
    t.token !== '' &&
    !t.token.includes('\uFFFD')
  );
};

/** Groups tokens as they arrive (see groupTokens); `push` returns the groups its token closed. */
export const createTokenGrouper = () => {
  const decoder = new TextDecoder('utf-8');
  let open: TokenGroup | undefined;
  let pending: number[] = [];
  return {
    push(token: { token: string; bytes?: number[] }, index: number): TokenGroup | undefined {
      // Fast path, nearly every token: nothing pending, and the token is whole characters — text without bytes (a
      // JS string is whole characters, lone surrogates aside), or bytes that start and end on a character boundary
      // with a text that has no replacement character. No encoding, no decoding: a 20,000-token view opens faster.
      if (!open && isWhole(token)) return { text: token.token, tokens: [index] };
      const bytes = tokenBytes(token);
      open ??= { text: '', tokens: [] };
      open.text += decoder.decode(bytes, { stream: true });
      open.tokens.push(index);
      pending = pending.concat([...bytes]);
      if (!endsOnCharacter(pending)) return undefined;
      const done = open;
      open = undefined;
      pending = [];
      return done;
    },
    /** The group still waiting for bytes, closed as it is (the stream ended inside a character). */
    end(): TokenGroup | undefined {
      if (!open) return undefined;
      const done = open;
      done.text += decoder.decode();
      open = undefined;
      pending = [];
      return done;
    },
  };
};

/**
 * Groups tokens so that no character is split: byte-level BPE can end a token in the middle of a UTF-8 character
 * (an emoji across three tokens). A token that leaves bytes pending is joined with the next until the bytes decode,
 * so the view never shows U+FFFD for a character that was merely split.
 */
export const groupTokens = (tokens: readonly { token: string; bytes?: number[] }[]): TokenGroup[] => {
  const grouper = createTokenGrouper();
  const groups: TokenGroup[] = [];
  tokens.forEach((token, i) => {
    const group = grouper.push(token, i);
    if (group) groups.push(group);
  });
  const last = grouper.end();
  if (last) groups.push(last);
  return groups;
};

/** Whether a group's bytes end on a character boundary (no lead byte still waiting for continuation bytes). */
const endsOnCharacter = (bytes: readonly number[]): boolean => {
  // Walk back over continuation bytes (10xxxxxx) to the last lead byte and check its sequence is whole; a group
  // that is nothing but continuation bytes is broken input and closes (the decoder shows it as it is).
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && ((bytes[i] ?? 0) & 0xc0) === 0x80) {
    continuation++;
    i--;
  }
  if (i < 0) return true;
  const lead = bytes[i] ?? 0;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return continuation >= need;
};

/** Probability (0–1) of a logprob. */
export const probability = (logprob: number): number => Math.exp(logprob);

/**
 * Shannon entropy (nats) of a position, over the alternatives the server reported. The reported top-k is a truncated
 * distribution: the mass outside it is counted as one more outcome, so the figure is a lower bound when it is small.
 */
export const positionEntropy = (top: readonly { logprob: number }[]): number => {
  let entropy = 0;
  let mass = 0;
  for (const alt of top) {
    const p = Math.exp(alt.logprob);
    mass += p;
    if (p > 0) entropy -= p * alt.logprob;
  }
  const rest = 1 - mass;
  if (rest > 1e-9) entropy -= rest * Math.log(rest);
  return entropy;
};

/** Sequence figures of a token list; logprobs that are null (an echoed first token) are left out. */
export interface SequenceFigures {
  count: number;
  meanLogprob: number;
  perplexity: number;
}

/** Mean logprob and perplexity (exp of the negative mean); undefined when no token has a logprob. */
export const sequenceFigures = (
  tokens: readonly { logprob: number | null }[],
): SequenceFigures | undefined => {
  let sum = 0;
  let count = 0;
  for (const t of tokens) {
    if (t.logprob === null) continue;
    sum += t.logprob;
    count++;
  }
  if (count === 0) return undefined;
  const meanLogprob = sum / count;
  return { count, meanLogprob, perplexity: Math.exp(-meanLogprob) };
};

/** The rank (1 = most likely) of the chosen token among the alternatives, or undefined when it is not among them. */
export const chosenRank = (t: TokenLogprob): number | undefined => {
  const index = t.top.findIndex((a) =>
    a.id !== undefined && t.id !== undefined ? a.id === t.id : a.token === t.token,
  );
  return index < 0 ? undefined : index + 1;
};

/** The first position where two token sequences differ (the shorter length when one is a prefix of the other), or undefined when they are equal. */
export const firstDivergence = (
  a: readonly { token: string; bytes?: number[] }[],
  b: readonly { token: string; bytes?: number[] }[],
): number | undefined => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return i;
    if (x.token !== y.token) return i;
    if (x.bytes && y.bytes && x.bytes.join(',') !== y.bytes.join(',')) return i;
  }
  return a.length === b.length ? undefined : length;
};
