/// <reference lib="webworker" />
/** Counts prompt tokens off the page's main thread: a 2 MB prompt takes a BPE tokenizer a second or more. */
import { estimatePromptTokens, type EstimateRequest, type EstimateResponse } from './token-estimator';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<EstimateRequest>) => {
  const { id, text, model } = e.data;
  void estimatePromptTokens(text, model).then((count) =>
    scope.postMessage({ id, count } satisfies EstimateResponse),
  );
};
