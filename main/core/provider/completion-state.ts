/**
 * What a run has received so far: per-choice finish reasons, usage, timing of the first token. Parses each
 * completion payload leniently (servers differ): only `choices[].text/index/finish_reason/logprobs`, `usage` and the
 * stop-match fields are read; `object` may be `text_completion` or `completion` or absent.
 */
import type { AppError } from '../../../shared/result';
import type { ChoiceEnd, RunEvent, Usage } from '../../../shared/run-events';
import type { Clock } from '../ports';
import type { ChoiceLogprobs, ChoiceTokens } from './choice-logprobs';
import { errorFromStreamPayload } from './errors';
import { outputLimitError } from './guard-errors';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const usageOf = (v: unknown): Usage | undefined => {
  if (!isRecord(v)) return undefined;
  const out: Usage = {};
  for (const key of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) {
    const n = v[key];
    if (typeof n === 'number' && Number.isFinite(n)) out[key] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

/** The outcome of applying one payload. */
export type ApplyResult = { ok: true } | { ok: false; error: AppError };

/** Highest choice index accepted from a server (n is at most 128; this only guards the loops below). */
const MAX_CHOICE_INDEX = 4095;

/** Cuts `text` to at most `room` characters without splitting a surrogate pair. */
export const cut = (text: string, room: number): string => {
  const end = room > 0 && /[\uD800-\uDBFF]/.test(text.charAt(room - 1)) ? room - 1 : room;
  return text.slice(0, end);
};

/**
 * Tracks one run's choices; `emit` receives its delta and usage events. Each choice keeps at most `outputLimit`
 * characters: a server that never stops must not take the process's memory, nor the history file's size.
 */
export class CompletionState {
  readonly ends = new Map<number, ChoiceEnd>();
  usage: Usage | undefined;
  firstTokenAt: number | undefined;
  deltaCount = 0;
  /** Whether the answer came as one document (not streamed): its speed is then measured over the whole request. */
  isWhole = false;
  private choiceCount: number;
  private readonly chars: number[] = [];
  private limitError: AppError | undefined;

  constructor(
    private readonly runId: string,
    expectedChoices: number,
    private readonly emit: (event: RunEvent) => void,
    private readonly clock: Clock,
    private readonly outputLimit: number,
    /** Reads `choices[].logprobs` when the request asked for them; without it they are ignored. */
    private readonly logprobs?: ChoiceLogprobs,
  ) {
    this.choiceCount = expectedChoices;
  }

  /**
   * Applies one parsed payload: a stream chunk, or (with `whole`) a non-streamed body, where every choice present
   * has ended even if its finish_reason is null.
   */
  apply(payload: unknown, raw: string, whole = false): ApplyResult {
    if (!isRecord(payload)) {
      return { ok: false, error: { kind: 'protocol', message: `Unexpected payload: ${raw.slice(0, 200)}` } };
    }
    // Servers report failures inside a 200 stream as a top-level `error` object.
    if (payload['error'] !== undefined && payload['error'] !== null) {
      return { ok: false, error: errorFromStreamPayload(payload, raw) };
    }
    if (whole) this.isWhole = true;
    const choices = payload['choices'];
    if (Array.isArray(choices)) {
      for (let i = 0; i < choices.length; i++) this.applyChoice(choices[i], i, whole);
      if (this.limitError) return { ok: false, error: this.limitError };
    } else if (choices !== undefined) {
      return {
        ok: false,
        error: { kind: 'protocol', message: 'The server sent `choices` that is not a list.' },
      };
    }
    const usage = usageOf(payload['usage']);
    if (usage) {
      this.usage = usage;
      this.emit({ type: 'usage', runId: this.runId, usage });
    }
    return { ok: true };
  }

  private applyChoice(choice: unknown, position: number, whole: boolean): void {
    if (!isRecord(choice)) return;
    const raw = choice['index'];
    const index =
      Number.isInteger(raw) && (raw as number) >= 0 && (raw as number) <= MAX_CHOICE_INDEX
        ? (raw as number)
        : position;
    if (index >= this.choiceCount) this.choiceCount = index + 1;
    const text = choice['text'];
    const tokens = this.logprobs?.take(index, choice['logprobs']);
    if ((typeof text === 'string' && text !== '') || tokens) {
      this.applyText(index, typeof text === 'string' ? text : '', tokens);
    }
    const reason = choice['finish_reason'];
    if (typeof reason === 'string' && reason !== '') {
      const end: ChoiceEnd = { index, finishReason: reason };
      // vLLM names the matched stop string `stop_reason` (an integer there is a stop token id); SGLang `matched_stop`.
      const matched =
        typeof choice['stop_reason'] === 'string' ? choice['stop_reason'] : choice['matched_stop'];
      if (typeof matched === 'string') end.matchedStop = matched;
      this.ends.set(index, end);
    } else if (whole) {
      this.ends.set(index, { index, finishReason: null });
    }
  }

  private applyText(index: number, text: string, tokens: ChoiceTokens | undefined): void {
    const used = this.chars[index] ?? 0;
    const room = this.outputLimit - used;
    if (room <= 0) {
      this.limitError ??= outputLimitError(index, this.outputLimit);
      return;
    }
    const kept = text.length > room ? cut(text, room) : text;
    const isCut = kept.length < text.length;
    if (isCut) this.limitError ??= outputLimitError(index, this.outputLimit);
    // A token that is only part of a character may come with no text at all (its bytes are in its logprobs), so a
    // delta carries tokens even when its text is empty. Tokens of a text cut at the limit are dropped with it.
    const logprobs = tokens && !isCut ? tokens : undefined;
    if (kept === '' && !logprobs) return;
    this.chars[index] = used + kept.length;
    if (this.firstTokenAt === undefined) this.firstTokenAt = this.clock.now();
    this.deltaCount++;
    this.emit({
      type: 'delta',
      runId: this.runId,
      choice: index,
      text: kept,
      ...(logprobs ? { logprobs: logprobs.logprobs } : {}),
      ...(logprobs && logprobs.promptTokens > 0 ? { promptTokens: logprobs.promptTokens } : {}),
    });
  }

  /** Indices of choices without a finish reason: every expected one (n) and any other index the server sent. */
  unfinished(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.choiceCount; i++) if (!this.ends.has(i)) out.push(i);
    return out;
  }

  /** How every choice ended, in index order; a choice without a reason reads `null`. */
  choiceEnds(): ChoiceEnd[] {
    const out: ChoiceEnd[] = [];
    for (let i = 0; i < this.choiceCount; i++) out.push(this.ends.get(i) ?? { index: i, finishReason: null });
    return out;
  }
}
