/**
 * One local run inside the worker: checks the prompt against the context and the biases against the vocabulary,
 * generates the n choices one after another (or best_of candidates, keeping the n with the highest mean logprob),
 * and reports text, choice ends and exact token counts as worker messages.
 */
import { randomInt } from 'node:crypto';
import type { Token, TokenBias } from 'node-llama-cpp';
import type { TokenLogprob } from '../../../shared/token-logprobs';
import { fail, type Result } from '../../../shared/result';
import { generateChoice, type ChoiceInput, type ChoiceOutcome } from './generate-choice';
import type { LocalPlan } from './local-params';
import { LOCAL_PARAM_SUPPORT } from './local-support';
import { runFailure, type LoadedModel, type WorkerModels } from './worker-models';
import type { FromWorker } from './worker-protocol';

type Send = (message: FromWorker) => void;

/** A generated candidate kept until best_of has picked. */
interface Candidate {
  text: string;
  logprobs: TokenLogprob[];
  outcome: ChoiceOutcome;
  order: number;
}

/** Mean log-probability of a candidate's tokens; an empty candidate ranks last. */
const meanLogprob = (o: ChoiceOutcome): number =>
  o.tokenCount === 0 ? -Infinity : o.logprobSum / o.tokenCount;

/** The sampler's token biases; ids outside the vocabulary are a bad request (llama.cpp would index past it). */
const buildBias = (entry: LoadedModel, plan: LocalPlan, notes: string[]): Result<TokenBias | undefined> => {
  if (plan.logitBias.length === 0) return { ok: true, value: undefined };
  const size = entry.info.vocabularySize;
  const bias = new entry.api.TokenBias(entry.model.tokenizer);
  for (const [n, value] of plan.logitBias) {
    const id = n as Token;
    if (!(id >= 0 && id < size))
      return fail(
        'bad_request',
        `logit_bias names token ${id}, but this model's vocabulary has ${size} tokens.`,
        {
          param: 'logit_bias',
        },
      );
    if (entry.model.isEogToken(id)) {
      notes.push(`logit_bias on token ${id}: ${LOCAL_PARAM_SUPPORT.logit_bias.note}`);
      continue;
    }
    // -100 is OpenAI's "never": a finite bias could still lose to a large enough logit.
    bias.set(id, value <= -100 ? 'never' : { logit: value });
  }
  return { ok: true, value: bias };
};

/** Runs `plan` on a loaded model; every outcome, failures included, is sent as messages for run `id`. */
export const runPlan = async (
  models: WorkerModels,
  entry: LoadedModel,
  id: number,
  plan: LocalPlan,
  isCancelled: () => boolean,
  send: Send,
): Promise<void> => {
  const promptTokens = models.promptTokens(entry, plan.prompt);
  const start = promptTokens.length > 0 ? promptTokens : [entry.model.tokens.bos ?? entry.model.tokens.eos];
  if (start[0] === null || start[0] === undefined) {
    send({
      type: 'failed',
      id,
      error: {
        kind: 'bad_request',
        message: 'The prompt is empty and the model has no begin-of-text token.',
        param: 'prompt',
      },
    });
    return;
  }
  const tokens = start as Token[];
  const room = entry.sequence.contextSize - tokens.length;
  if (room < 1) {
    send({
      type: 'failed',
      id,
      error: {
        kind: 'bad_request',
        message: `The prompt is ${tokens.length} tokens; this model's context holds ${entry.sequence.contextSize}, so nothing can be generated. Raise the context size or shorten the prompt.`,
        param: 'prompt',
      },
    });
    return;
  }
  const notes: string[] = [];
  const bias = buildBias(entry, plan, notes);
  if (!bias.ok) {
    send({ type: 'failed', id, error: bias.error });
    return;
  }
  const input: ChoiceInput = { entry, plan, promptTokens: tokens, tokenBias: bias.value, isCancelled };
  const picking = plan.bestOf > plan.n;
  const candidates: Candidate[] = [];
  let completionTokens = 0;
  try {
    for (let i = 0; i < plan.bestOf; i++) {
      if (isCancelled()) return;
      const seed = plan.seed !== undefined ? (plan.seed + i) % 2 ** 32 : randomInt(2 ** 32 - 1);
      const streamed = plan.stream && !picking;
      const kept: Candidate = {
        text: plan.echo ? plan.prompt : '',
        logprobs: [],
        outcome: undefined!,
        order: i,
      };
      if (streamed && plan.echo && plan.prompt !== '')
        send({ type: 'delta', id, choice: i, text: plan.prompt });
      const outcome = await generateChoice(input, seed, (text, logprobs) => {
        if (streamed) send({ type: 'delta', id, choice: i, text, ...(logprobs ? { logprobs } : {}) });
        else {
          kept.text += text;
          if (logprobs) kept.logprobs.push(...logprobs);
        }
      });
      if (outcome.cancelled) return;
      completionTokens += outcome.tokenCount;
      kept.outcome = outcome;
      if (picking) candidates.push(kept);
      else finishChoice(send, id, i, kept, !streamed, plan.logprobs !== undefined);
    }
    if (picking) {
      const ranked = candidates
        .map((c) => ({ c, score: meanLogprob(c.outcome) }))
        .sort((a, b) => b.score - a.score || a.c.order - b.c.order)
        .slice(0, plan.n);
      ranked.forEach(({ c }, index) => finishChoice(send, id, index, c, true, plan.logprobs !== undefined));
    }
    const usage = {
      prompt_tokens: tokens.length,
      completion_tokens: completionTokens,
      total_tokens: tokens.length + completionTokens,
    };
    send({ type: 'run-end', id, usage, notes });
  } catch (err) {
    if (!isCancelled()) send({ type: 'failed', id, error: runFailure(err) });
  }
};

/** Sends a choice's buffered text (when it was not streamed) and its end. */
const finishChoice = (
  send: Send,
  id: number,
  choice: number,
  c: Candidate,
  buffered: boolean,
  withLogprobs: boolean,
) => {
  if (buffered && (c.text !== '' || c.logprobs.length > 0))
    send({ type: 'delta', id, choice, text: c.text, ...(withLogprobs ? { logprobs: c.logprobs } : {}) });
  const { finishReason, matchedStop } = c.outcome;
  send({
    type: 'choice-end',
    id,
    choice,
    finishReason,
    ...(matchedStop !== undefined ? { matchedStop } : {}),
  });
};
