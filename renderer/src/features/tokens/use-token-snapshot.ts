import { useEffect, useState } from 'react';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { tokenArray, type TokenSource } from '../../state/token-source';

/** How often the figures follow a stream: they are a summary, and re-reading 20,000 tokens each frame is not free. */
export const FIGURES_INTERVAL_MS = 500;

/**
 * The tokens of a source, refreshed at most every `intervalMs` while it streams and at once when it ends: for what
 * React renders from the whole list (figures), while the token view itself draws every frame without React.
 */
export function useTokenSnapshot(
  source: TokenSource,
  intervalMs = FIGURES_INTERVAL_MS,
): readonly TokenLogprob[] {
  const [tokens, setTokens] = useState(() => tokenArray(source.get()) ?? []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer = undefined;
      setTokens(tokenArray(source.get()) ?? []);
    };
    update();
    const off = source.subscribe(() => {
      if (source.isFinished()) {
        clearTimeout(timer);
        update();
      } else timer ??= setTimeout(update, intervalMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [source, intervalMs]);
  return tokens;
}
