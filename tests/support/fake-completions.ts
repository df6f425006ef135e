/**
 * The model-driven behaviour of the fake server: deterministic completions (streamed or not, n choices interleaved,
 * echo, stop, usage on the final chunk, OpenAI-shape logprobs when asked: see fake-logprobs.ts), slow and rated streams, one-off 429s, fixed statuses and dropped sockets;
 * endless and stalled upstreams live in fake-misbehaving.ts.
 */
import type { ServerResponse } from 'node:http';
import { misbehave, MISBEHAVING_MODELS } from './fake-misbehaving';
import { fakePromptTokens, fakeWordTokens, legacyLogprobs, wantedLogprobs } from './fake-logprobs';
import { fakeChoice, type FakeChoice } from './fake-tokens';

/** The request fields the fake server reads. */
export interface CompletionBody {
  model?: unknown;
  prompt?: unknown;
  stream?: unknown;
  n?: unknown;
  max_tokens?: unknown;
  echo?: unknown;
  stop?: unknown;
  logprobs?: unknown;
}

/** Model ids `GET /v1/models` lists. */
export const FAKE_MODELS = [
  'fake-model',
  'fake-slow',
  'fake-rate-limit-once',
  'fake-status-400',
  'fake-status-401',
  'fake-status-403',
  'fake-status-404',
  'fake-status-422',
  'fake-status-429',
  'fake-status-500',
  'fake-status-503',
  'fake-drop',
  'fake-rate-1000',
  'fake-no-logprobs',
  ...MISBEHAVING_MODELS,
];

const STATUS_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Invalid value for temperature.', type: 'invalid_request_error', code: 'invalid_value' },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You do not have access to this model.', type: 'permission_error', code: 'forbidden' },
  404: { message: 'The model does not exist.', type: 'invalid_request_error', code: 'model_not_found' },
  422: { message: 'max_tokens must be at least 1.', type: 'invalid_request_error', code: 'unprocessable' },
  429: { message: 'Rate limit reached for requests.', type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  500: { message: 'Unsupported param: best_of', type: 'server_error', code: null },
  503: { message: 'The server is overloaded, try again later.', type: 'server_error', code: 'overloaded' },
};

/** Writes a JSON response. */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const int = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) ? v : fallback;
const stopList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

const chunk = (model: string, choices: unknown[], extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'cmpl-fake', object: 'text_completion', created: 1, model, choices, ...extra })}\n\n`;

const usageOf = (prompt: string, choices: FakeChoice[]) => {
  const prompt_tokens = prompt.split(/\s+/).filter(Boolean).length;
  const completion_tokens = choices.reduce((sum, c) => sum + c.tokens.length, 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
};

const finishOf = (c: FakeChoice, index: number) => ({
  text: '',
  index,
  logprobs: null,
  finish_reason: c.finishReason,
  ...(c.matchedStop !== undefined ? { stop_reason: c.matchedStop } : {}),
});

/**
 * Destroys the socket a little later, never in the tick of a write: Node corks a chunked response until the next tick
 * and destroy() drops what is corked, and a busy machine can make several paced steps due in one tick.
 */
const dropSoon = (res: ServerResponse, timers: Set<NodeJS.Timeout>): void => {
  const timer = setTimeout(() => {
    timers.delete(timer);
    res.socket?.destroy();
  }, 20);
  timers.add(timer);
};

/** Streams choices interleaved by token; `intervalMs` 0 writes as fast as the socket takes it. */
const streamChoices = (
  res: ServerResponse,
  model: string,
  prompt: string,
  choices: FakeChoice[],
  opts: { echo: boolean; intervalMs: number; dropAfter?: number; logprobs?: number },
  timers: Set<NodeJS.Timeout>,
) => {
  const top = opts.logprobs;
  const echoLogprobs = top === undefined ? null : legacyLogprobs(fakePromptTokens(prompt), top, true);
  const tokenLogprobs = (token: string) =>
    top === undefined ? null : legacyLogprobs(fakeWordTokens(token), top);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  const events: { choices: unknown[]; usage?: unknown }[] = [];
  if (opts.echo)
    choices.forEach((_, i) =>
      events.push({ choices: [{ text: prompt, index: i, logprobs: echoLogprobs, finish_reason: null }] }),
    );
  const longest = Math.max(0, ...choices.map((c) => c.tokens.length));
  for (let t = 0; t <= longest; t++) {
    choices.forEach((c, i) => {
      const token = c.tokens[t];
      if (token !== undefined)
        events.push({
          choices: [{ text: token, index: i, logprobs: tokenLogprobs(token), finish_reason: null }],
        });
      if (t === c.tokens.length) events.push({ choices: [finishOf(c, i)] });
    });
  }
  // Like llama.cpp, usage rides on the last chunk that carries a finish_reason.
  const last = events[events.length - 1];
  if (last) last.usage = usageOf(prompt, choices);
  const steps = events.map((e) => chunk(model, e.choices, e.usage ? { usage: e.usage } : {}));
  steps.push('data: [DONE]\n\n');
  let i = 0;
  // Paced by a schedule, not by one timer per step: Node rounds timers up to 1 ms or more, so `fake-rate-2000`
  // would otherwise stream under 1,000 tokens/s. Each tick writes every step that is due by now.
  const startedAt = performance.now();
  const dueAt = (step: number) => startedAt + step * opts.intervalMs;
  const next = () => {
    do {
      if (res.destroyed) return;
      if (opts.dropAfter !== undefined && i >= opts.dropAfter) return dropSoon(res, timers);
      if (i >= steps.length) return void res.end();
      res.write(steps[i++]);
    } while (opts.intervalMs <= 0 || dueAt(i) <= performance.now());
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        next();
      },
      Math.max(0, dueAt(i) - performance.now()),
    );
    timers.add(timer);
  };
  next();
};

/** The logprobs of a whole (non-streamed) choice: the echoed prompt's tokens first, when asked for. */
const wholeLogprobs = (body: CompletionBody, prompt: string, echo: boolean, c: FakeChoice) => {
  const top = body.model === 'fake-no-logprobs' ? undefined : wantedLogprobs(body);
  if (top === undefined) return null;
  const generated = c.tokens.flatMap(fakeWordTokens);
  if (!echo) return legacyLogprobs(generated, top);
  const head = fakePromptTokens(prompt);
  return legacyLogprobs([...head, ...generated], top, head.length > 0);
};

/** Builds the request handler; pending timers are registered in `timers` so close() can clear them. */
export const completionHandler = (timers: Set<NodeJS.Timeout>) => {
  let rateLimited = false;
  return (res: ServerResponse, body: CompletionBody): void => {
    const model = typeof body.model === 'string' ? body.model : 'fake-model';
    const prompt = typeof body.prompt === 'string' ? body.prompt : '';
    const status = /^fake-status-(\d{3})$/.exec(model);
    if (status) {
      const code = Number(status[1]);
      const error = STATUS_ERRORS[code] ?? {
        message: `Fake status ${code}.`,
        type: 'server_error',
        code: null,
      };
      return sendJson(res, code, { error: { ...error, param: null } });
    }
    if (model === 'fake-rate-limit-once' && !rateLimited) {
      rateLimited = true;
      const error = STATUS_ERRORS[429];
      return sendJson(res, 429, { error }, { 'Retry-After': '1' });
    }
    if (misbehave(res, model, prompt, body.stream === true)) return;
    const n = Math.max(1, int(body.n, 1));
    const slow = model === 'fake-slow';
    const rate = /^fake-rate-(\d+)$/.exec(model);
    const count = slow ? 400 : Math.max(0, int(body.max_tokens, 16));
    const stop = stopList(body.stop);
    const choices = Array.from({ length: n }, (_, i) => fakeChoice(prompt, i, count, stop));
    const echo = body.echo === true;
    if (body.stream === true) {
      // fake-drop is paced like a real stream, so a page shows tokens arriving before the connection drops.
      const intervalMs = slow
        ? 50
        : rate
          ? 1000 / Math.max(1, Number(rate[1]))
          : model === 'fake-drop'
            ? 10
            : 0;
      const dropAfter = model === 'fake-drop' ? 4 : undefined;
      // fake-no-logprobs accepts `logprobs` and answers without any, as some servers do.
      const logprobs = model === 'fake-no-logprobs' ? undefined : wantedLogprobs(body);
      const opts = { echo, intervalMs, dropAfter, ...(logprobs !== undefined ? { logprobs } : {}) };
      return streamChoices(res, model, prompt, choices, opts, timers);
    }
    if (model === 'fake-drop') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":"cmpl-fake","choices":[');
      // The client must see a body cut short, not no body at all (see dropSoon).
      return dropSoon(res, timers);
    }
    sendJson(res, 200, {
      id: 'cmpl-fake',
      object: 'text_completion',
      created: 1,
      model,
      choices: choices.map((c, i) => ({
        text: (echo ? prompt : '') + c.tokens.join(''),
        index: i,
        logprobs: wholeLogprobs(body, prompt, echo, c),
        finish_reason: c.finishReason,
        ...(c.matchedStop !== undefined ? { stop_reason: c.matchedStop } : {}),
      })),
      usage: usageOf(prompt, choices),
    });
  };
};
