/**
 * One choice of a local completion: evaluate the prompt (reusing whatever prefix the sequence already holds), then
 * sample token by token with the run's settings, turning tokens into text, stop sequences into a finish reason and
 * sampler probabilities into logprobs. Cancellation is checked before every token.
 */
import type { LlamaModel, Token, TokenBias } from 'node-llama-cpp';
import type { TokenLogprob } from '../../../shared/token-logprobs';
import type { LocalPlan } from './local-params';
import { StopMatcher } from './stop-matcher';
import type { LoadedModel } from './worker-models';

/** Everything a choice shares with the other choices of its run. */
export interface ChoiceInput {
  entry: LoadedModel;
  plan: LocalPlan;
  promptTokens: Token[];
  tokenBias: TokenBias | undefined;
  isCancelled: () => boolean;
}

/** How a choice ended. */
export interface ChoiceOutcome {
  finishReason: 'stop' | 'length';
  matchedStop?: string;
  /** Tokens sampled, the end-of-text token included. */
  tokenCount: number;
  /** Sum of the chosen tokens' log-probabilities (best_of ranks by the mean). */
  logprobSum: number;
  cancelled: boolean;
}

/** One step of node-llama-cpp's generator; the metadata present depends on what the evaluation asked for. */
interface SampledToken {
  token: Token;
  confidence?: number;
  /** Every candidate the sampler kept, most likely first. */
  probabilities?: Map<Token, number>;
}

/** Receives the choice's text as it becomes final, with the logprobs of the tokens that made it. */
export type ChoiceSink = (text: string, logprobs: TokenLogprob[] | undefined) => void;

/** Penalties look back at most this many generated tokens (the sampler keeps them in a ring buffer). */
const MAX_PENALTY_WINDOW = 4096;
/** A token may end inside a UTF-8 character; at most this many tokens are held while it completes. */
const MAX_HELD_TOKENS = 4;

/** Turns tokens into text, holding tokens that end inside a UTF-8 character until the character completes. */
class TokenText {
  private held: Token[] = [];
  private last: Token[];

  constructor(
    private readonly model: LlamaModel,
    context: Token[],
  ) {
    this.last = context.slice(-MAX_HELD_TOKENS);
  }

  push(token: Token): string {
    this.held.push(token);
    const text = this.model.detokenize(this.held, false, this.last);
    if (text.endsWith('\uFFFD') && this.held.length < MAX_HELD_TOKENS) return '';
    return this.release(text);
  }

  flush(): string {
    return this.held.length === 0 ? '' : this.release(this.model.detokenize(this.held, false, this.last));
  }

  private release(text: string): string {
    this.last = [...this.last, ...this.held].slice(-MAX_HELD_TOKENS);
    this.held = [];
    return text;
  }
}

/** Logprobs waiting for their text: a token's entry goes out with the first character of its text that does. */
class PendingLogprobs {
  private queue: { start: number; lp: TokenLogprob }[] = [];
  private produced = 0;
  private released = 0;

  add(lp: TokenLogprob | undefined, textLength: number): void {
    if (lp) this.queue.push({ start: this.produced, lp });
    this.produced += textLength;
  }

  /** Entries whose text has started to show after `shown` more characters. */
  take(shown: number): TokenLogprob[] {
    this.released += shown;
    let i = 0;
    while (i < this.queue.length && this.queue[i]!.start < this.released) i++;
    return this.queue.splice(0, i).map((e) => e.lp);
  }

  /** Everything left (generation ended without cutting the text). */
  rest(): TokenLogprob[] {
    return this.queue.splice(0).map((e) => e.lp);
  }
}

/** Erases what the sequence holds beyond the prompt's shared prefix; returns the tokens still to evaluate. */
const resetToPrompt = async (entry: LoadedModel, prompt: Token[]): Promise<Token[]> => {
  const { sequence } = entry;
  // At least the last prompt token is evaluated again: its logits are what the first sample needs.
  const keep = Math.min(sequence.compareContextTokens(prompt).firstDifferentIndex, prompt.length - 1);
  if (sequence.nextTokenIndex > keep)
    await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  return prompt.slice(keep);
};

/** Generates one choice with `seed`, sending final text to `sink`. */
export const generateChoice = async (
  input: ChoiceInput,
  seed: number,
  sink: ChoiceSink,
): Promise<ChoiceOutcome> => {
  const { entry, plan, promptTokens, tokenBias, isCancelled } = input;
  const { model, sequence } = entry;
  const wantLogprobs = plan.logprobs !== undefined;
  const topCount = plan.logprobs ?? 0;
  const limit = Math.min(plan.maxTokens, sequence.contextSize - promptTokens.length);
  const generated: Token[] = [];
  const text = new TokenText(model, promptTokens);
  const stops = new StopMatcher(plan.stop);
  const pending = new PendingLogprobs();
  const outcome: ChoiceOutcome = { finishReason: 'length', tokenCount: 0, logprobSum: 0, cancelled: false };
  const show = (piece: string) => {
    const lps = pending.take(piece.length);
    if (piece !== '' || lps.length > 0) sink(piece, wantLogprobs ? lps : undefined);
  };
  const tokenText = (t: Token) => model.detokenize([t], true);

  const { temperature, topP, topK, minP, frequencyPenalty, presencePenalty } = plan.sampling;
  const penalise = frequencyPenalty !== 0 || presencePenalty !== 0;
  const evaluation: AsyncGenerator<SampledToken, void, void> = sequence.evaluateWithMetadata(
    await resetToPrompt(entry, promptTokens),
    // best_of ranks by the chosen tokens' probabilities even when the request did not ask for logprobs.
    { probabilities: topCount > 0, confidence: wantLogprobs || plan.bestOf > plan.n },
    {
      temperature,
      topP,
      topK,
      minP,
      seed,
      yieldEogToken: true,
      ...(tokenBias ? { tokenBias } : {}),
      ...(penalise
        ? {
            repeatPenalty: {
              punishTokens: () => generated.slice(-MAX_PENALTY_WINDOW),
              maxPunishTokens: Math.min(MAX_PENALTY_WINDOW, Math.max(1, plan.maxTokens)),
              penalty: 1,
              frequencyPenalty,
              presencePenalty,
            },
          }
        : {}),
    },
  );

  for await (const step of evaluation) {
    if (isCancelled()) {
      outcome.cancelled = true;
      break;
    }
    outcome.tokenCount++;
    const logprob = step.confidence !== undefined ? Math.log(step.confidence) : 0;
    outcome.logprobSum += logprob;
    if (model.isEogToken(step.token)) {
      outcome.finishReason = 'stop';
      break;
    }
    generated.push(step.token);
    const piece = text.push(step.token);
    let lp: TokenLogprob | undefined;
    if (wantLogprobs) {
      const top: TokenLogprob['top'] = [];
      if (step.probabilities) {
        for (const [id, p] of step.probabilities) {
          if (top.length >= topCount) break;
          top.push({ token: tokenText(id), logprob: Math.log(p) });
        }
      }
      lp = { token: tokenText(step.token), logprob, top };
    }
    pending.add(lp, piece.length);
    const released = stops.push(piece);
    show(released.text);
    if (released.matched !== undefined) {
      outcome.finishReason = 'stop';
      outcome.matchedStop = released.matched;
      break;
    }
    // The limit keeps prompt + output inside the context, so llama.cpp never shifts the context under a run.
    if (outcome.tokenCount >= limit) break;
  }
  if (outcome.cancelled) return outcome;
  if (outcome.matchedStop === undefined) {
    const tail = stops.push(text.flush());
    const rest = tail.matched === undefined ? tail.text + stops.flush() : tail.text;
    if (tail.matched !== undefined) {
      outcome.finishReason = 'stop';
      outcome.matchedStop = tail.matched;
    }
    const lps = tail.matched === undefined ? pending.rest() : pending.take(rest.length);
    if (rest !== '' || lps.length > 0) sink(rest, wantLogprobs ? lps : undefined);
  }
  return outcome;
};
