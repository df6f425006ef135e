/**
 * Token estimates off the main thread: one worker (started on first use, by the composition root's spawner) answers
 * every estimate in order; without a spawner the estimate runs in this thread.
 */
import type { Worker } from 'node:worker_threads';
import type { TokenCount } from '../../../shared/token-budget';
import { estimateWithEncoders } from './encoders';

/** A question to the worker. */
export interface EstimateAsk {
  id: number;
  text: string;
  model: string;
}
/** Its answer. */
export interface EstimateAnswer {
  id: number;
  count: TokenCount;
}

/** Starts the estimate worker (`out/main/token-estimate-worker.js` beside the main bundle). */
export type SpawnEstimateWorker = () => Worker;

/** Estimates, and stops its worker. */
export interface TokenEstimator {
  estimate(text: string, model: string): Promise<TokenCount>;
  dispose(): Promise<void>;
}

/** Makes the estimator; a worker that fails is dropped, and the estimates go on in this thread. */
export const createTokenEstimator = (spawn?: SpawnEstimateWorker): TokenEstimator => {
  let worker: Worker | undefined;
  let lastId = 0;
  const waiting = new Map<number, (count: TokenCount | undefined) => void>();
  const drop = () => {
    worker = undefined;
    for (const settle of waiting.values()) settle(undefined);
    waiting.clear();
  };
  const start = (): Worker | undefined => {
    if (!spawn) return undefined;
    try {
      const w = spawn();
      w.on('message', (msg: EstimateAnswer) => {
        waiting.get(msg.id)?.(msg.count);
        waiting.delete(msg.id);
      });
      w.on('error', drop);
      w.on('exit', drop);
      w.unref();
      return w;
    } catch {
      return undefined;
    }
  };
  return {
    async estimate(text, model) {
      worker ??= start();
      const w = worker;
      if (!w) return estimateWithEncoders(text, model);
      const id = ++lastId;
      const answer = await new Promise<TokenCount | undefined>((resolve) => {
        waiting.set(id, resolve);
        w.postMessage({ id, text, model } satisfies EstimateAsk);
      });
      return answer ?? estimateWithEncoders(text, model);
    },
    async dispose() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
};
