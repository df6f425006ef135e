import { useSyncExternalStore } from 'react';
import type { Store } from './tiny-store';

/** What a batch added to a text: the text now ends with `text`, which starts at offset `from`. */
export interface Appended {
  from: number;
  text: string;
}

/**
 * A streaming output's text, read where it is drawn rather than passed down as a prop: a frame's new text then
 * reaches the DOM without re-rendering every component above it (see output-text.tsx). Append-only within a run.
 */
export interface TextSource {
  get: () => string;
  /**
   * What the store's last change added, where the store records it: the drawer then takes just that, instead of
   * slicing the output — which copies the whole of a concatenated string, every frame.
   */
  appended: () => Appended | undefined;
  /** Called after every change of the underlying store (the text may or may not have grown). */
  subscribe: (listener: () => void) => () => void;
}

/** A run's streamed outputs as both stores hold them: the text per choice, and what the last batch added to each. */
export interface StreamedOutputs {
  outputs: string[];
  /** What each choice's text gained from the last batch of events (for OutputText, which draws only that). */
  appended?: (Appended | undefined)[];
}

/** The text of choice `index` of the run `selectRun` finds in a store ('' while there is none). */
export const outputSource = <S>(
  store: Store<S>,
  selectRun: (state: S) => StreamedOutputs | undefined,
  index: number,
): TextSource => ({
  get: () => selectRun(store.get())?.outputs[index] ?? '',
  appended: () => selectRun(store.get())?.appended?.[index],
  subscribe: store.subscribe,
});

/**
 * Whether two snapshots of a run differ only in their outputs' text and tokens — what streaming changes each frame,
 * and what OutputText and the token view draw by themselves. A component selecting its run with this re-renders only for anything else.
 */
export const isSameButText = <R extends StreamedOutputs>(a: R | null | undefined, b: R | null | undefined) =>
  a === b ||
  (a != null &&
    b != null &&
    a.outputs.length === b.outputs.length &&
    (Object.keys(b) as (keyof R)[]).every(
      (k) => k === 'outputs' || k === 'appended' || k === 'tokens' || a[k] === b[k],
    ));

/** One delta's contribution to a text. */
export interface TextDelta {
  choice: number;
  text: string;
}

/**
 * A batch of deltas applied to a run's outputs (one per choice): the new outputs, each grown once, and what each
 * gained (`undefined` for a choice the batch did not touch). Choices never seen yet start as ''.
 */
export function appendDeltas(
  outputs: readonly string[],
  deltas: readonly TextDelta[],
): Required<StreamedOutputs> {
  const added: string[] = [];
  for (const d of deltas) added[d.choice] = (added[d.choice] ?? '') + d.text;
  const next: string[] = [];
  const appended: (Appended | undefined)[] = [];
  for (let i = 0; i < Math.max(outputs.length, added.length); i++) {
    const before = outputs[i] ?? '';
    const text = added[i];
    next.push(text === undefined ? before : before + text);
    appended.push(text === undefined ? undefined : { from: before.length, text });
  }
  return { outputs: next, appended };
}

/** A fact about the text that changes rarely (empty or not, longer than the echo): re-renders only when it changes. */
export function useTextFact<T extends string | number | boolean>(
  source: TextSource,
  fact: (text: string) => T,
): T {
  const read = () => fact(source.get());
  return useSyncExternalStore(source.subscribe, read, read);
}
