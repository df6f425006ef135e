/**
 * `POST /v1/completions` as a flavoured fake server answers it: which keys it refuses, which it silently drops, how
 * seed and temperature shape the text, which logit_bias form it reads, its logprobs shape and where a stream carries
 * usage. The text itself comes from fakeChoice, so a temperature-0 answer equals the plain fake server's.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './fake-completions';
import { fakeChoice } from './fake-tokens';
import type { FlavourSpec, Refusal } from './fake-flavours';

/** FNV-1a, the same idea as fake-tokens: stable ids and logprobs from text. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/** Token ids the fake hands out: 1000 and up, so an id of 0 is never a real token here. */
const ID_BASE = 1000;
const ID_SPAN = 60_000;

/**
 * The fake vocabulary: every piece of text seen (tokenized or generated) gets a stable id, remembered so a forcing
 * logit_bias can turn an id back into text. An id never seen decodes to a made-up piece.
 */
export const createFakeVocab = () => {
  const byId = new Map<number, string>();
  const idOf = (piece: string): number => {
    const id = ID_BASE + (hash(piece) % ID_SPAN);
    byId.set(id, piece);
    return id;
  };
  return {
    idOf,
    textOf: (id: number): string => byId.get(id) ?? ` #${id}`,
    /** Splits text the way the fake tokenizes it: a run of spaces sticks to the word after it. */
    tokenize: (text: string): number[] => (text.match(/\s*\S+|\s+/gu) ?? []).map(idOf),
  };
};

/** The fake vocabulary's type. */
export type FakeVocab = ReturnType<typeof createFakeVocab>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The id a logit_bias pushes hardest (≥ 50), in the form the flavour reads; undefined when none is forced. */
const forcedId = (spec: FlavourSpec, bias: unknown): number | undefined => {
  if (spec.ignores.includes('logit_bias')) return undefined;
  const pairs: [number, number][] = [];
  if (spec.logitBiasForm === 'object' && isRecord(bias))
    for (const [id, value] of Object.entries(bias)) pairs.push([Number(id), num(value) ?? 0]);
  if (spec.logitBiasForm === 'array' && Array.isArray(bias))
    for (const pair of bias) if (Array.isArray(pair)) pairs.push([num(pair[0]) ?? -1, num(pair[1]) ?? 0]);
  const best = pairs
    .filter(([id, value]) => Number.isInteger(id) && value >= 50)
    .sort((a, b) => b[1] - a[1])[0];
  return best?.[0];
};

/** Log probability of a piece, stable and always below zero. */
const logprobOf = (piece: string): number => -(0.05 + (hash(piece) % 400) / 100);
const ALTERNATIVE = ' river';

const legacyLogprobs = (tokens: string[]) => {
  let offset = 0;
  return {
    tokens,
    token_logprobs: tokens.map(logprobOf),
    top_logprobs: tokens.map((t) => ({ [t]: logprobOf(t), [ALTERNATIVE]: logprobOf(t) - 1 })),
    text_offset: tokens.map((t) => (offset += t.length) - t.length),
  };
};

const llamaEntry = (vocab: FakeVocab, piece: string, logprob: number) => ({
  id: vocab.idOf(piece),
  token: piece,
  bytes: [...Buffer.from(piece, 'utf8')],
  logprob,
});
const llamaLogprobs = (vocab: FakeVocab, tokens: string[]) => ({
  content: tokens.map((t) => ({
    ...llamaEntry(vocab, t, logprobOf(t)),
    top_logprobs: [llamaEntry(vocab, t, logprobOf(t)), llamaEntry(vocab, ALTERNATIVE, logprobOf(t) - 1)],
  })),
});

/** llama.cpp's error shape: `{error: {code, message, type}}`, plus OpenAI's `param` where the refusal names one. */
const refuse = (res: ServerResponse, r: Refusal): void =>
  sendJson(res, r.status, {
    error: {
      code: r.status,
      message: r.message,
      type: r.type ?? 'invalid_request_error',
      ...(r.param ? { param: r.param } : {}),
    },
  });

/** One choice as the flavour generates it. */
interface FlavourChoice {
  tokens: string[];
  finishReason: 'stop' | 'length';
}

/** Options of the completion handler: the spec, its vocabulary, and a counter that makes unseeded text vary. */
export interface FlavourCompletionContext {
  spec: FlavourSpec;
  vocab: FakeVocab;
  nextRequest: () => number;
}

/** Answers one completion request the way the flavour would. */
export const answerFlavourCompletion = (
  ctx: FlavourCompletionContext,
  res: ServerResponse,
  body: Record<string, unknown>,
): void => {
  const { spec, vocab } = ctx;
  for (const [key, refusal] of Object.entries(spec.refuses))
    if (refusal && key in body) return refuse(res, refusal);
  const n = spec.ignores.includes('n') ? 1 : Math.max(1, num(body['n']) ?? 1);
  if (n > 1 && spec.refusesManyChoices) return refuse(res, spec.refusesManyChoices);
  const model = typeof body['model'] === 'string' ? body['model'] : 'fake-model';
  const prompt = typeof body['prompt'] === 'string' ? body['prompt'] : '';
  const maxTokens = spec.ignores.includes('max_tokens') ? 16 : Math.max(0, num(body['max_tokens']) ?? 16);
  const temperature = num(body['temperature']) ?? 1;
  const seed = spec.ignores.includes('seed') ? undefined : num(body['seed']);
  // Greedy text depends on the prompt alone; sampled text on the seed when one is honoured, else on nothing stable.
  const salt =
    temperature === 0 ? '' : seed !== undefined ? `\u0000seed ${seed}` : `\u0000draw ${ctx.nextRequest()}`;
  const stop = spec.ignores.includes('stop') ? [] : stopList(body['stop']);
  const forced = forcedId(spec, body['logit_bias']);
  const choices: FlavourChoice[] = Array.from({ length: n }, (_, i) =>
    forced !== undefined
      ? { tokens: Array.from({ length: maxTokens }, () => vocab.textOf(forced)), finishReason: 'length' }
      : fakeChoice(prompt + salt, i, maxTokens, stop),
  );
  const echo = body['echo'] === true && !spec.ignores.includes('echo');
  const wantsLogprobs =
    body['logprobs'] !== undefined && body['logprobs'] !== null && body['logprobs'] !== false;
  const logprobs = (tokens: string[]) =>
    !wantsLogprobs || spec.ignores.includes('logprobs')
      ? null
      : spec.logprobsShape === 'llama'
        ? llamaLogprobs(vocab, tokens)
        : legacyLogprobs(tokens);
  const usage = {
    prompt_tokens: vocab.tokenize(prompt).length,
    completion_tokens: choices.reduce((sum, c) => sum + c.tokens.length, 0),
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const head = { id: 'cmpl-flavour', object: 'text_completion', created: 1, model };
  const fingerprint = spec.systemFingerprint ? { system_fingerprint: spec.systemFingerprint } : {};

  if (body['stream'] !== true || spec.ignores.includes('stream')) {
    return sendJson(res, 200, {
      ...head,
      ...fingerprint,
      choices: choices.map((c, index) => ({
        text: (echo ? prompt : '') + c.tokens.join(''),
        index,
        logprobs: logprobs(c.tokens),
        finish_reason: c.finishReason,
      })),
      usage,
    });
  }
  const includeUsage = isRecord(body['stream_options']) && body['stream_options']['include_usage'] === true;
  const events: Record<string, unknown>[] = [];
  const event = (choice: Record<string, unknown>) =>
    events.push({ ...head, ...fingerprint, choices: [choice] });
  choices.forEach((c, index) => {
    if (echo) event({ text: prompt, index, logprobs: null, finish_reason: null });
    for (const t of c.tokens) event({ text: t, index, logprobs: logprobs([t]), finish_reason: null });
    event({ text: '', index, logprobs: null, finish_reason: c.finishReason });
  });
  const last = events[events.length - 1];
  if (spec.streamUsage === 'last-chunk' && last) last['usage'] = usage;
  if (spec.streamUsage === 'include_usage' && includeUsage)
    events.push({ ...head, ...fingerprint, choices: [], usage });
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.end(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + 'data: [DONE]\n\n');
};

const stopList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
