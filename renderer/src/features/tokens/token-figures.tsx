import { sequenceFigures, type TokenLogprob } from '../../../../shared/token-logprobs';
import { formatPercent, labelToken } from './token-scale';

/** How many of the least likely tokens are listed. */
const LOWEST_COUNT = 5;

/**
 * The least likely tokens, least likely first (the earlier of equals first), as token indexes (tokens without a
 * probability are skipped). One pass keeping the `count` lowest: the figures of a 20,000-token output sort nothing.
 */
export const lowestTokens = (tokens: readonly TokenLogprob[], count = LOWEST_COUNT): number[] => {
  const lowest: number[] = [];
  if (count <= 0) return lowest;
  const lp = (i: number) => tokens[i]?.logprob ?? 0;
  tokens.forEach((t, i) => {
    if (t.logprob === null) return;
    if (lowest.length === count) {
      if (t.logprob >= lp(lowest[count - 1]!)) return;
      lowest.pop();
    }
    let at = lowest.length;
    while (at > 0 && lp(lowest[at - 1]!) > t.logprob) at--;
    lowest.splice(at, 0, i);
  });
  return lowest;
};

/** Per-output figures: mean logprob, perplexity, and the least likely tokens (each a button that jumps there). */
export function TokenFigures({
  tokens,
  fromToken = 0,
  onJump,
}: {
  tokens: readonly TokenLogprob[];
  /** Tokens before this index (an echoed prompt) are left out of the figures. */
  fromToken?: number;
  onJump: (tokenIndex: number) => void;
}) {
  const generated = tokens.slice(fromToken);
  const figures = sequenceFigures(generated);
  if (!figures) return null;
  return (
    <div className="tok-figures" role="group" aria-label="Sequence figures">
      <span>
        Mean logprob <strong>{figures.meanLogprob.toFixed(3)}</strong>
      </span>
      <span>
        Perplexity <strong>{figures.perplexity.toFixed(2)}</strong>
      </span>
      <span className="tok-lowest">
        Least likely:{' '}
        {lowestTokens(generated).map((i) => {
          const t = generated[i];
          return t && t.logprob !== null ? (
            <button
              key={i}
              type="button"
              className="button button-small"
              onClick={() => onJump(i + fromToken)}
              title={`Token ${i + fromToken + 1}`}
            >
              <code>{labelToken(t.token)}</code> {formatPercent(t.logprob)}
            </button>
          ) : null;
        })}
      </span>
    </div>
  );
}
