import { useSyncExternalStore } from 'react';
import type { Store } from './tiny-store';

/**
 * A streaming output's text, read where it is drawn rather than passed down as a prop: a frame's new text then
 * reaches the DOM without re-rendering every component above it (see output-text.tsx). Append-only within a run.
 */
export interface TextSource {
  get: () => string;
  /** Called after every change of the underlying store (the text may or may not have grown). */
  subscribe: (listener: () => void) => () => void;
}

/** The text `select` finds in a store ('' while there is none). */
export const storeTextSource = <S>(
  store: Store<S>,
  select: (state: S) => string | undefined,
): TextSource => ({
  get: () => select(store.get()) ?? '',
  subscribe: store.subscribe,
});

/** A fact about the text that changes rarely (empty or not, longer than the echo): re-renders only when it changes. */
export function useTextFact<T extends string | number | boolean>(
  source: TextSource,
  fact: (text: string) => T,
): T {
  const read = () => fact(source.get());
  return useSyncExternalStore(source.subscribe, read, read);
}
