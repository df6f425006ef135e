/**
 * What each completion probe's answer says about its parameters. "Ignored" is only claimed where it can be seen in
 * two tokens: n = 2 giving one choice, echo not echoing, stop not cutting, the same seed giving different text,
 * logprobs missing, a +100 logit_bias not forcing its token.
 */
import type { CheckedParam, ParamCheck, ServerKind } from '../../../shared/capabilities';
import { CHECK_PROMPT, MAX_CHECK_TOKENS } from '../../../shared/capability-plan';
import type { AppError } from '../../../shared/result';
import { parseLogprobs } from '../../../shared/token-logprobs';
import { PROBE_PARAMS, stopFor } from './probe-bodies';
import type { CompletionView } from './completion-view';
import { blame, honoured, ignored, notChecked } from './verdicts';

/** A completion probe's answer, or why there is none. */
export type Outcome =
  | { ok: true; view: CompletionView; /** Whether it came as SSE. */ streamed: boolean }
  | { ok: false; error: AppError };

/** Verdicts of one probe. */
export type Verdicts = Partial<Record<CheckedParam, ParamCheck>>;

const NOT_VISIBLE = 'accepted; its effect cannot be told apart in a two-token answer';

const first = (o: { view: CompletionView }) => o.view.choices[0]?.text ?? '';

/** The reference request: temperature accepted, max_tokens checked against the reported usage. */
export const judgeBaseline = (view: CompletionView): Verdicts => {
  const used = view.usage?.completion_tokens;
  return {
    temperature: honoured('accepted', NOT_VISIBLE),
    max_tokens:
      used === undefined
        ? honoured('accepted', 'accepted; the server reported no usage to confirm the limit')
        : used <= MAX_CHECK_TOKENS
          ? honoured('observed', `asked for ${MAX_CHECK_TOKENS} tokens, got ${used}`)
          : ignored(`asked for ${MAX_CHECK_TOKENS} tokens, the server generated ${used}`),
  };
};

/** top_p, the penalties and user are accepted or not; stop is seen to cut the reference text, or not. */
export const judgeSampling = (o: Outcome, reference: string | undefined): Verdicts => {
  if (!o.ok) return blame(o.error, PROBE_PARAMS.sampling);
  const stop = stopFor(reference);
  const text = first(o);
  const finish = o.view.choices[0]?.finishReason;
  return {
    top_p: honoured('accepted', NOT_VISIBLE),
    frequency_penalty: honoured('accepted', NOT_VISIBLE),
    presence_penalty: honoured('accepted', NOT_VISIBLE),
    user: honoured('accepted', 'accepted; it only shows in the provider’s own records'),
    stop:
      stop === undefined
        ? notChecked('the reference answer was empty, so there was no text to stop at')
        : !text.includes(stop) && (finish === 'stop' || text.length < stop.length)
          ? honoured('observed', 'the answer stopped before the stop sequence')
          : text === stop
            ? ignored('the answer ran through the stop sequence')
            : honoured(
                'accepted',
                'accepted; the answer differed from the reference, so the cut could not be seen',
              ),
  };
};

/** n = 2: two choices, one, or refused. */
export const judgeN = (o: Outcome): Verdicts => {
  if (!o.ok) return blame(o.error, PROBE_PARAMS.n);
  const count = o.view.choices.length;
  return {
    n:
      count >= 2
        ? honoured('observed', `asked for 2 choices, got ${count}`)
        : ignored('asked for 2 choices, got 1'),
  };
};

/** best_of = 2: its choice among candidates cannot be seen, only whether it is accepted. */
export const judgeBestOf = (o: Outcome): Verdicts =>
  o.ok
    ? { best_of: honoured('accepted', 'accepted; which candidate won cannot be seen') }
    : blame(o.error, ['best_of']);

/** echo: the answer starts with the prompt, or it does not. */
export const judgeEcho = (o: Outcome): Verdicts => {
  if (!o.ok) return blame(o.error, PROBE_PARAMS.echo);
  return {
    echo: first(o).startsWith(CHECK_PROMPT)
      ? honoured('observed', 'the answer started with the prompt')
      : ignored('the answer did not start with the prompt'),
  };
};

const hasLogprobs = (view: CompletionView): boolean =>
  (parseLogprobs(view.choices[0]?.logprobs)?.length ?? 0) > 0;

/** Two identical sampled requests with a seed: the same text twice, or not; and whether logprobs came back. */
export const judgeSeed = (a: Outcome, b: Outcome): Verdicts => {
  if (!a.ok) return blame(a.error, PROBE_PARAMS['seed-a']);
  const logprobs = hasLogprobs(a.view)
    ? honoured('observed', 'token log probabilities came back')
    : ignored('asked for logprobs, none came back');
  if (!b.ok) return { logprobs, seed: notChecked(`the second seeded request failed: ${b.error.message}`) };
  const same = first(a) === first(b);
  return {
    logprobs,
    seed: same
      ? honoured('observed', 'two sampled requests with the same seed gave the same text')
      : ignored('two sampled requests with the same seed gave different text'),
  };
};

/** Whether a text is one piece said twice ("!!", " the the"), as forcing one token for two tokens gives. */
const isRepeat = (text: string): boolean =>
  text.length >= 2 && text.length % 2 === 0 && text.slice(0, text.length / 2) === text.slice(text.length / 2);

/**
 * A +100 bias on one token at temperature 0. With the token's text known (from /tokenize), the answer must be that
 * word over and over; with only id 0 to go on, a repeated piece that differs from the reference shows it worked.
 */
export const judgeLogitBias = (
  o: Outcome,
  reference: string | undefined,
  bias: { id: number; word?: string },
  server: ServerKind,
): Verdicts => {
  if (!o.ok) return blame(o.error, PROBE_PARAMS.logit_bias);
  const text = first(o);
  const words = text.trim().split(/\s+/);
  const forced =
    bias.word !== undefined
      ? text.trim() !== '' && words.every((w) => w === bias.word?.trim())
      : text !== reference && isRepeat(text);
  const hint =
    server === 'llama.cpp' ? ' (this llama.cpp reads the [[id, bias]] form; send it in the extra body)' : '';
  return {
    logit_bias: forced
      ? honoured('observed', `a +100 bias on token ${bias.id} forced it`)
      : text === reference
        ? ignored(`a +100 bias on token ${bias.id} left the answer unchanged${hint}`)
        : honoured(
            'accepted',
            `accepted; a +100 bias on token ${bias.id} changed the answer without forcing it`,
          ),
  };
};
