import { useEffect, useState } from 'react';
import type { TokenCount } from '../../../../shared/token-budget';
import { useApi } from '../../api/api-context';
import { useServerActions } from '../../state/server-store';
import { estimatePromptTokens, type EstimateRequest, type EstimateResponse } from './token-estimator';

/** Typing pauses this long before a count is asked for; a count still out is then cancelled by the next one. */
export const COUNT_DEBOUNCE_MS = 300;

let worker: Worker | null | undefined;
let lastId = 0;
const waiting = new Map<number, (count: TokenCount) => void>();

const startWorker = (): Worker | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('./token-count.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (e: MessageEvent<EstimateResponse>) => {
      waiting.get(e.data.id)?.(e.data.count);
      waiting.delete(e.data.id);
    });
    return w;
  } catch {
    return null;
  }
};

/** An estimate, in the worker when one can start (on the page only where none can). */
const estimate = (text: string, model: string): Promise<TokenCount> => {
  worker ??= startWorker();
  const w = worker;
  if (!w) return estimatePromptTokens(text, model);
  const id = ++lastId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, text, model } satisfies EstimateRequest);
  });
};

/** The prompt's token count and whether a newer one is on its way. */
export interface PromptTokens {
  count?: TokenCount;
  isCounting: boolean;
}

/**
 * Counts the prompt: exactly where `isExact` (the server's tokenize endpoint, or a local model's tokenizer, through
 * main), else a labelled estimate; a failed exact count falls back to the estimate. Debounced; an answer for text
 * that has changed since is dropped, and main cancels the exact count it replaces.
 */
export function usePromptTokens(
  profileId: string,
  model: string,
  prompt: string,
  isExact: boolean,
): PromptTokens {
  const api = useApi();
  const server = useServerActions();
  const [state, setState] = useState<{ key: string; count?: TokenCount }>({ key: '' });
  const key = `${profileId}\n${model}\n${isExact}\n${prompt}`;

  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      const settle = (count: TokenCount) => {
        if (!isCurrent) return;
        setState({ key, count });
        server.setPromptCount({ profileId, model, prompt, count });
      };
      const fallback = () => void estimate(prompt, model).then(settle);
      if (!isExact) return fallback();
      api
        .countPromptTokens(profileId, model, prompt)
        .then((res) => {
          if (!isCurrent) return;
          if (res.ok && res.value) settle(res.value);
          else fallback();
        })
        .catch(fallback);
    }, COUNT_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [api, server, key, profileId, model, prompt, isExact]);

  return { ...(state.count ? { count: state.count } : {}), isCounting: state.key !== key };
}
