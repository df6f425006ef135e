/**
 * The rules between parameters, written once. The request schema refuses a setup that breaks a conflict rule, the
 * draft sanitiser drops the parameter the rule names (so the rest of the draft still saves), the panel explains it
 * under that parameter, and the request builder applies the rules that change how a valid setup is sent.
 */
import type { CompletionParams, OptionalParamKey } from './params';

/** What the rules read: any setup, in whatever state the editor holds it. */
type RuleInput = Partial<CompletionParams>;

/** A setup the server would reject, reported on one parameter. */
export interface ParamConflict {
  /** The parameter the conflict is shown under and dropped from a draft being saved. */
  param: OptionalParamKey;
  /** The short reason the schema reports. */
  message: string;
  /** The sentence the panel shows under the parameter. */
  explanation: string;
}

/** One rule: the conflict it finds in a setup, or undefined when the setup keeps it. */
type ConflictRule = (p: RuleInput) => ParamConflict | undefined;

/** best_of counts the candidates the server picks the n results from, so it cannot be below n. */
const bestOfAtLeastN: ConflictRule = (p) => {
  const n = p.n ?? 1;
  if (p.best_of === undefined || p.best_of >= n) return undefined;
  return {
    param: 'best_of',
    message: 'best_of must be at least n',
    explanation: `Best of (${p.best_of}) must be at least N (${n}): the request would be rejected. Raise Best of or lower N.`,
  };
};

const CONFLICT_RULES: readonly ConflictRule[] = [bestOfAtLeastN];

/** Every conflict in a setup (empty when the server would accept it). */
export const paramConflicts = (p: RuleInput): ParamConflict[] =>
  CONFLICT_RULES.flatMap((rule) => rule(p) ?? []);

/** best_of > 1 makes the server pick among candidates after generating them all, so it cannot stream. */
const isStreamForcedOff = (p: RuleInput): boolean => p.best_of !== undefined && p.best_of > 1;

/** Whether a run of this setup streams: what the user chose, unless best_of forces it off. */
export const effectiveStream = (p: Pick<CompletionParams, 'stream' | 'best_of'>): boolean =>
  p.stream && !isStreamForcedOff(p);

const STREAM_OFF_NOTE =
  'Best of > 1 cannot stream: this run is sent without streaming, and the text appears when it is complete.';

/** The note the panel shows under one parameter: its conflict, else what it changes about the run. */
export const paramNote = (p: RuleInput, param: OptionalParamKey): string | undefined => {
  const conflict = paramConflicts(p).find((c) => c.param === param);
  if (conflict) return conflict.explanation;
  if (param === 'best_of' && p.stream === true && isStreamForcedOff(p)) return STREAM_OFF_NOTE;
  return undefined;
};
