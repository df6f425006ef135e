/**
 * Capability flavours of the fake server: which parameters a server refuses, which it accepts and ignores, and which
 * extra endpoints it has (`/tokenize`, `/props`, `max_model_len`). `startFakeServer({ flavour })` takes a preset
 * name or a whole spec, so a test can build the exact server it needs. The llama.cpp answers copy the recordings of
 * a real llama-server b4748 (tests/fixtures/llama-server/capabilities.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAKE_MODELS, sendJson } from './fake-completions';
import { answerFlavourCompletion, createFakeVocab } from './fake-flavour-completions';

/** Parameters a flavour can accept and then drop without a word. */
export type IgnorableParam =
  'seed' | 'logprobs' | 'echo' | 'n' | 'logit_bias' | 'stop' | 'max_tokens' | 'stream';

/** A refusal: the status and message the server answers. */
export interface Refusal {
  status: number;
  message: string;
  type?: string;
  param?: string;
}

/** What a flavoured server does. */
export interface FlavourSpec {
  /** Body keys refused by their mere presence, whatever their value. */
  refuses: Partial<Record<string, Refusal>>;
  /** The answer to n > 1, for servers that generate one choice only. */
  refusesManyChoices?: Refusal;
  /** Parameters accepted and silently dropped. */
  ignores: readonly IgnorableParam[];
  /** OpenAI's legacy `{tokens, token_logprobs, top_logprobs}` or llama.cpp's `{content: [...]}`. */
  logprobsShape: 'legacy' | 'llama';
  /** The logit_bias form that takes effect; the other form is accepted and ignored (llama.cpp b4748 reads arrays). */
  logitBiasForm: 'object' | 'array';
  /** `POST /tokenize` in llama.cpp's (`{content}`) or vLLM's (`{model, prompt}`) shape. */
  tokenize?: 'llama.cpp' | 'vllm';
  /** llama.cpp's `GET /props` context size. */
  propsContext?: number;
  /** vLLM's `max_model_len`, on `/v1/models` entries and `/tokenize` answers. */
  maxModelLen?: number;
  /** Where a stream carries usage: on the last chunk always (llama.cpp), only when asked, or never. */
  streamUsage: 'last-chunk' | 'include_usage' | 'never';
  systemFingerprint?: string;
}

const LLAMA_ERROR_TYPE = 'server_error';

/** The preset flavours. */
export const FLAVOURS = {
  /** llama-server b4748: 500 to n > 1 and to any `echo` or `best_of` key; object-form logit_bias ignored. */
  'llama.cpp': {
    refuses: {
      echo: { status: 500, message: 'Unsupported param: echo', type: LLAMA_ERROR_TYPE },
      best_of: { status: 500, message: 'Unsupported param: best_of', type: LLAMA_ERROR_TYPE },
    },
    refusesManyChoices: {
      status: 500,
      message: 'Only one completion choice is allowed',
      type: LLAMA_ERROR_TYPE,
    },
    ignores: [],
    logprobsShape: 'llama',
    logitBiasForm: 'array',
    tokenize: 'llama.cpp',
    propsContext: 512,
    streamUsage: 'last-chunk',
    systemFingerprint: 'b4748-c392e5094',
  },
  /** A lenient local server that takes every key but ignores `seed`: the same seed gives different text. */
  'seed-ignoring': {
    refuses: {},
    ignores: ['seed'],
    logprobsShape: 'legacy',
    logitBiasForm: 'object',
    streamUsage: 'never',
  },
  /** vLLM: honours the OpenAI parameters, has `/tokenize` and reports `max_model_len`. */
  vllm: {
    refuses: {},
    ignores: [],
    logprobsShape: 'legacy',
    logitBiasForm: 'object',
    tokenize: 'vllm',
    maxModelLen: 4096,
    streamUsage: 'include_usage',
  },
  /** OpenAI's legacy completions: everything honoured, usage in streams when asked, a system_fingerprint. */
  openai: {
    refuses: {},
    ignores: [],
    logprobsShape: 'legacy',
    logitBiasForm: 'object',
    streamUsage: 'include_usage',
    systemFingerprint: 'fp_fake_openai',
  },
} as const satisfies Record<string, FlavourSpec>;

/** A preset flavour's name. */
export type FlavourName = keyof typeof FLAVOURS;

/** Handles a request when the flavour has a route for it; returns false to let the plain fake server answer. */
export type FlavourRoute = (
  req: IncomingMessage,
  path: string,
  body: unknown,
  res: ServerResponse,
) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Builds the routes of a flavour (a preset name or a spec). */
export const flavourRoutes = (flavour: FlavourName | FlavourSpec): FlavourRoute => {
  const spec: FlavourSpec = typeof flavour === 'string' ? FLAVOURS[flavour] : flavour;
  const vocab = createFakeVocab();
  let requestCount = 0;
  const ctx = { spec, vocab, nextRequest: () => ++requestCount };
  return (req, path, body, res) => {
    const route = `${req.method ?? ''} ${path}`;
    if (route === 'GET /v1/models') {
      const extra = spec.maxModelLen !== undefined ? { max_model_len: spec.maxModelLen } : {};
      const data = FAKE_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake', ...extra }));
      sendJson(res, 200, { object: 'list', data });
      return true;
    }
    if (route === 'GET /props' && spec.propsContext !== undefined) {
      sendJson(res, 200, { default_generation_settings: { n_ctx: spec.propsContext } });
      return true;
    }
    if (route === 'POST /tokenize' && spec.tokenize) {
      const text = isRecord(body) ? body[spec.tokenize === 'vllm' ? 'prompt' : 'content'] : undefined;
      if (typeof text !== 'string') {
        // vLLM answers a body without `prompt` with a validation error; llama.cpp with an empty token list.
        if (spec.tokenize === 'vllm')
          sendJson(res, 400, {
            object: 'error',
            message: 'prompt: Field required',
            type: 'BadRequestError',
            code: 400,
          });
        else sendJson(res, 200, { tokens: [] });
        return true;
      }
      const tokens = vocab.tokenize(text);
      if (spec.tokenize === 'llama.cpp') sendJson(res, 200, { tokens });
      else sendJson(res, 200, { count: tokens.length, max_model_len: spec.maxModelLen ?? 2048, tokens });
      return true;
    }
    if (route === 'POST /v1/completions' && isRecord(body)) {
      answerFlavourCompletion(ctx, res, body);
      return true;
    }
    return false;
  };
};
