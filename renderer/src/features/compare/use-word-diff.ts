import { useEffect, useMemo, useRef, useState } from 'react';
import { wordDiff, type DiffPart, type DiffResponse } from './word-diff';

/** Where a diff is: computing, done (parts), or given up (too different). */
export type DiffState =
  { kind: 'computing' } | { kind: 'done'; parts: DiffPart[] } | { kind: 'too-different' };

/** Without a worker (tests, or a page that cannot start one) a diff may block a frame or two, never more. */
const INLINE_TIMEOUT_MS = 30;

const COMPUTING: DiffState = { kind: 'computing' };

const startWorker = (): Worker | null => {
  try {
    return new Worker(new URL('./word-diff.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
};

const settle = (parts: DiffPart[] | null): DiffState =>
  parts ? { kind: 'done', parts } : { kind: 'too-different' };

let lastId = 0;

/** A worker's answer, and the inputs it answers. */
interface Answer {
  a: string;
  b: string;
  state: DiffState;
}

/**
 * The word diff of `a` and `b`, computed in a worker (one per caller, ended on unmount). `enabled` false (a column still
 * streaming) computes nothing. Where no worker can run, a short, bounded diff runs on the page instead.
 */
export function useWordDiff(a: string, b: string, enabled: boolean): DiffState {
  const worker = useRef<Worker | null | undefined>(undefined);
  const [hasWorker, setHasWorker] = useState(() => typeof Worker !== 'undefined');
  const [answer, setAnswer] = useState<Answer>();
  const needsWorker = enabled && a !== b && hasWorker;

  const inline = useMemo(
    () =>
      !enabled || hasWorker
        ? COMPUTING
        : a === b
          ? settle([{ value: a }])
          : settle(wordDiff(a, b, INLINE_TIMEOUT_MS)),
    [a, b, enabled, hasWorker],
  );

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = undefined;
    },
    [],
  );

  useEffect(() => {
    if (!needsWorker) return;
    worker.current ??= startWorker();
    const w = worker.current;
    const id = ++lastId;
    let isCurrent = true;
    let isAnswered = false;
    const onMessage = (e: MessageEvent<DiffResponse>) => {
      if (e.data.id !== id || !isCurrent) return;
      isAnswered = true;
      setAnswer({ a, b, state: settle(e.data.parts) });
    };
    const onError = () => {
      worker.current?.terminate();
      worker.current = null;
      if (isCurrent) setHasWorker(false);
    };
    if (!w) {
      // Reported from a task, not from the effect itself: the page then diffs inline.
      queueMicrotask(onError);
      return () => void (isCurrent = false);
    }
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, a, b });
    return () => {
      isCurrent = false;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      // A diff nobody waits for any more would hold up the next one for seconds: drop that worker.
      if (!isAnswered && worker.current === w) {
        w.terminate();
        worker.current = undefined;
      }
    };
  }, [a, b, needsWorker]);

  if (!enabled) return COMPUTING;
  if (a === b) return settle([{ value: a }]);
  if (!hasWorker) return inline;
  return answer && answer.a === a && answer.b === b ? answer.state : COMPUTING;
}
