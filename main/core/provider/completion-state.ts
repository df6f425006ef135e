/**
 * What a run has received so far: per-choice finish reasons, usage, timing of the first token. Parses each
 * completion payload leniently (design §3): only `choices[].text/index/finish_reason`, `usage` and the stop-match
 * fields are read; `object` may be `text_completion` or `completion` or absent.
 */
import type { AppError } from '../../../shared/result';
import type { ChoiceEnd, RunEvent, Usage } from '../../../shared/run-events';
import type { Clock } from '../ports';
import { errorFromStreamPayload } from './errors';

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

/** Tracks one run's choices; `emit` receives its delta and usage events. */
export class CompletionState {
  readonly ends = new Map<number, ChoiceEnd>();
  usage: Usage | undefined;
  firstTokenAt: number | undefined;
  deltaCount = 0;
  private choiceCount: number;

  constructor(
    private readonly runId: string,
    expectedChoices: number,
    private readonly emit: (event: RunEvent) => void,
    private readonly clock: Clock,
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
    // Servers report failures inside a 200 stream as a top-level `error` object (design §3).
    if (payload['error'] !== undefined && payload['error'] !== null) {
      return { ok: false, error: errorFromStreamPayload(payload, raw) };
    }
    const choices = payload['choices'];
    if (Array.isArray(choices)) {
      for (let i = 0; i < choices.length; i++) this.applyChoice(choices[i], i, whole);
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
    if (typeof text === 'string' && text !== '') {
      if (this.firstTokenAt === undefined) this.firstTokenAt = this.clock.now();
      this.deltaCount++;
      this.emit({ type: 'delta', runId: this.runId, choice: index, text });
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
