import { useRef, useSyncExternalStore } from 'react';

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

/**
 * Reads a slice of a store. The selector must return an existing reference (or a primitive) to avoid loops, unless
 * `isEqual` is given: a new slice equal to the last one then keeps the last one, and the component does not re-render.
 */
export function useStoreSelector<S, T>(
  store: Store<S>,
  select: (state: S) => T,
  isEqual?: (last: T, next: T) => boolean,
): T {
  const last = useRef<{ value: T } | null>(null);
  const read = () => {
    const next = select(store.get());
    if (!isEqual) return next;
    if (last.current && isEqual(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}
