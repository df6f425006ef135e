/**
 * A completion answer read leniently, plain or streamed: text per choice (stream deltas joined by index), finish
 * reason, the first logprobs, usage and system_fingerprint. Anything malformed is skipped, never thrown on.
 */

/** One choice of a completion answer. */
export interface ChoiceView {
  text: string;
  finishReason: string | undefined;
  logprobs: unknown;
}

/** A completion answer, read leniently. */
export interface CompletionView {
  choices: ChoiceView[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  fingerprint?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const usageOf = (v: unknown): CompletionView['usage'] => {
  if (!isRecord(v)) return undefined;
  const out: NonNullable<CompletionView['usage']> = {};
  for (const key of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) {
    const n = v[key];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) out[key] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

/** Folds payloads (one for a plain answer, one per event for a stream) into choices by index. */
export const readCompletion = (payloads: readonly unknown[]): CompletionView => {
  const byIndex = new Map<number, ChoiceView>();
  const view: CompletionView = { choices: [] };
  for (const payload of payloads) {
    if (!isRecord(payload)) continue;
    view.usage = usageOf(payload['usage']) ?? view.usage;
    const fp = payload['system_fingerprint'];
    if (typeof fp === 'string' && fp !== '') view.fingerprint = fp.slice(0, 200);
    const choices = Array.isArray(payload['choices']) ? payload['choices'] : [];
    for (const [position, c] of choices.entries()) {
      if (!isRecord(c)) continue;
      const index = typeof c['index'] === 'number' ? c['index'] : position;
      const choice = byIndex.get(index) ?? { text: '', finishReason: undefined, logprobs: undefined };
      byIndex.set(index, choice);
      if (typeof c['text'] === 'string') choice.text += c['text'];
      if (typeof c['finish_reason'] === 'string') choice.finishReason = c['finish_reason'];
      if (c['logprobs'] !== null && c['logprobs'] !== undefined) choice.logprobs ??= c['logprobs'];
    }
  }
  view.choices = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  return view;
};
