/// <reference lib="webworker" />
/**
 * Computes compare's word diffs off the page's main thread: a diff of two long, different outputs takes seconds, which
 * on the main thread would freeze every column still streaming.
 */
import { wordDiff, type DiffRequest, type DiffResponse } from './word-diff';

/** A worker-side diff may take its time; it only gives up on pathological inputs. */
const WORKER_TIMEOUT_MS = 10_000;

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<DiffRequest>) => {
  const { id, a, b } = e.data;
  scope.postMessage({ id, parts: wordDiff(a, b, WORKER_TIMEOUT_MS) } satisfies DiffResponse);
};
