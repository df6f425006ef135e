import { useEffect, useState } from 'react';
import type { TokenCount } from '../../../../shared/token-budget';
import { estimateTokens } from '../../../../shared/token-estimate';
import { useApi } from '../../api/api-context';
import { useServerActions } from '../../state/server-store';

/** Typing pauses this long before a count is asked for; a count still out is then cancelled by the next one. */
export const COUNT_DEBOUNCE_MS = 300;

/** The prompt's token count and whether a newer one is on its way. */
export interface PromptTokens {
  count?: TokenCount;
  isCounting: boolean;
}

/**
 * Counts the prompt through main: exact where the server or a local model can count, else a labelled estimate made
 * in main's estimate worker (the tokenizer data never reaches the page). Debounced; an answer for text that has
 * changed since is dropped, and main cancels the count it replaces. Where main cannot answer at all, the rough
 * estimate, labelled as such.
 */
export function usePromptTokens(
  profileId: string,
  model: string,
  prompt: string,
  /** Changes when what main counts with may have changed (a new server check): counts again. */
  generation: number,
): PromptTokens {
  const api = useApi();
  const server = useServerActions();
  const [state, setState] = useState<{ key: string; count?: TokenCount }>({ key: '' });
  const key = `${generation}\n${profileId}\n${model}\n${prompt}`;

  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      const settle = (count: TokenCount) => {
        if (!isCurrent) return;
        setState({ key, count });
        server.setPromptCount({ profileId, model, prompt, count });
      };
      const rough = () => settle(estimateTokens(prompt, model));
      api
        .countPromptTokens(profileId, model, prompt)
        .then((res) => (res.ok ? settle(res.value) : rough()))
        .catch(rough);
    }, COUNT_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [api, server, key, profileId, model, prompt]);

  return { ...(state.count ? { count: state.count } : {}), isCounting: state.key !== key };
}
