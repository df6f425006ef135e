/**
 * The capability check's requests, fixed before anything is sent, so the UI can say "12 requests, ≈ 110 tokens"
 * and ask before spending a remote server's money. Main runs exactly these probes, in this order.
 */

/** Most requests one check sends (metadata and completions together). */
export const MAX_CHECK_REQUESTS = 12;

/** Most tokens any completion request of a check may generate per choice. */
export const MAX_CHECK_TOKENS = 2;

/** The prompt of every completion probe: short, and open enough that sampled continuations differ. */
export const CHECK_PROMPT = 'Capability check. Continue with any words:';

/** The probes, in the order they run. */
export const PROBE_IDS = [
  'models',
  'props',
  'tokenize',
  'baseline',
  'stream',
  'sampling',
  'n',
  'best_of',
  'echo',
  'seed-a',
  'seed-b',
  'logit_bias',
] as const;

/** One probe of the check. */
export type ProbeId = (typeof PROBE_IDS)[number];

/** What one probe sends and what it costs. */
export interface ProbeSpec {
  id: ProbeId;
  method: 'GET' | 'POST';
  path: string;
  /** Whether it asks the model for tokens (and so may cost money). */
  completion: boolean;
  /** Tokens generated per choice (0 for metadata requests). */
  maxTokens: number;
  /** Sequences the server generates (n or best_of), 1 for a plain completion. */
  sequences: number;
  /** One line for a tooltip: what the probe finds out. */
  purpose: string;
}

const metadata = (id: ProbeId, method: 'GET' | 'POST', path: string, purpose: string): ProbeSpec => ({
  id,
  method,
  path,
  completion: false,
  maxTokens: 0,
  sequences: 1,
  purpose,
});
const completion = (id: ProbeId, purpose: string, sequences = 1): ProbeSpec => ({
  id,
  method: 'POST',
  path: '/v1/completions',
  completion: true,
  maxTokens: MAX_CHECK_TOKENS,
  sequences,
  purpose,
});

/** The probes with their cost, in order. */
export const CHECK_PROBES: readonly ProbeSpec[] = [
  metadata(
    'models',
    'GET',
    '/v1/models',
    'Is the model list reachable; does it report max_model_len (vLLM)?',
  ),
  metadata('props', 'GET', '/props', "llama.cpp's server properties: its context size (n_ctx)."),
  metadata('tokenize', 'POST', '/tokenize', 'Is there a tokenize endpoint for exact token counts?'),
  completion('baseline', 'Temperature 0: the reference text; are max_tokens and temperature accepted?'),
  completion('stream', 'Does streaming work, and does the stream carry usage when asked?'),
  completion('sampling', 'Are top_p, the penalties, user and stop accepted; does stop cut the text?'),
  completion('n', 'n = 2: two choices back, one, or refused?', 2),
  completion('best_of', 'best_of = 2: accepted or refused?', 2),
  completion('echo', 'echo: does the text start with the prompt?'),
  completion('seed-a', 'Seed and logprobs: the first of two identical sampled requests.'),
  completion('seed-b', 'Seed and logprobs: the second; the same seed should give the same text.'),
  completion('logit_bias', 'A +100 bias on one token: is it forced?'),
];

/** What a check will cost, before it runs. */
export interface CheckPlan {
  probes: readonly ProbeSpec[];
  requests: number;
  completionRequests: number;
  /** Prompt tokens estimated at 4 characters per token; completion tokens are the most the probes may generate. */
  tokens: { prompt: number; completion: number; total: number };
  /** "12 requests (9 completions of at most 2 tokens), ≈ 126 tokens". */
  summary: string;
}

/** The plan of a check: its requests and their token cost. */
export const planCapabilityCheck = (): CheckPlan => {
  const completions = CHECK_PROBES.filter((p) => p.completion);
  const promptEach = Math.ceil(CHECK_PROMPT.length / 4);
  const prompt = promptEach * completions.length;
  const generated = completions.reduce((sum, p) => sum + p.maxTokens * p.sequences, 0);
  const total = prompt + generated;
  return {
    probes: CHECK_PROBES,
    requests: CHECK_PROBES.length,
    completionRequests: completions.length,
    tokens: { prompt, completion: generated, total },
    summary:
      `${CHECK_PROBES.length} requests (${completions.length} completions of at most ${MAX_CHECK_TOKENS} tokens), ` +
      `≈ ${total} tokens`,
  };
};
