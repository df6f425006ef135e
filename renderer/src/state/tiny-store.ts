import { useSyncExternalStore } from 'react';

/** A value with change notification: the smallest store useSyncExternalStore can read. */
export interface Store<S> {
  get: () => S;
  set: (next: S) => void;
  update: (fn: (prev: S) => S) => void;
  subscribe: (listener: () => void) => () => void;
}

/** Makes a store holding `initial`; listeners run after every change to a new value. */
export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const set = (next: S) => {
    if (Object.is(next, state)) return;
    state = next;
    for (const l of [...listeners]) l();
  };
  return {
    get: () => state,
    set,
    update: (fn) => set(fn(state)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reads a slice of a store; the selector must return an existing reference (or a primitive) to avoid loops. */
export function useStoreSelector<S, T>(store: Store<S>, select: (state: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
