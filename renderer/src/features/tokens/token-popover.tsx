import {
  chosenRank,
  positionEntropy,
  type TokenAlternative,
  type TokenLogprob,
} from '../../../../shared/token-logprobs';
import type { TokenReader } from '../../state/token-source';
import { formatPercent, labelToken } from './token-scale';

/**
 * The details' width, set here rather than in CSS so that the view placing them keeps them inside the window: a
 * row's token, probability, logprob and "Continue with" button fit.
 */
export const POPOVER_WIDTH = 440;
/** Room the details want below their token before they open above it instead (where there is more room). */
const MIN_ROOM_BELOW = 240;

/** Where the details of a token drawn at `rect` go: below it, or above it near the window's bottom; never outside. */
export interface PopoverPlace {
  left: number;
  top?: number;
  bottom?: number;
  maxHeight: number;
}

/** Places the details by their token's box, inside a `width` × `height` window. */
export function placePopover(
  rect: { left: number; top: number; bottom: number },
  width: number,
  height: number,
): PopoverPlace {
  const left = Math.max(8, Math.min(rect.left, width - POPOVER_WIDTH - 8));
  const below = height - rect.bottom - 12;
  const above = rect.top - 12;
  // At most 60% of the window: the details never hide the whole output.
  const cap = (room: number) => Math.min(room, Math.round(height * 0.6));
  return below >= MIN_ROOM_BELOW || below >= above
    ? { left, top: rect.bottom + 4, maxHeight: cap(below) }
    : { left, bottom: height - rect.top + 4, maxHeight: cap(above) };
}

/** Props of the popover of one drawn token group. */
interface TokenPopoverProps {
  id: string;
  tokens: TokenReader;
  /** Token indexes of the group (usually one; several when they only together make a character). */
  indexes: readonly number[];
  /** Whether the group is the echoed prompt (no branching from there). */
  isEcho: boolean;
  position: PopoverPlace;
  onBranch?: (tokenIndex: number, alternative: TokenAlternative) => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  /** Focus left the popover for `next` (null: out of the page). */
  onLeave: (next: EventTarget | null) => void;
  onEscape: () => void;
}

const formatLogprob = (lp: number) => lp.toFixed(3);

/** One token's details: the chosen token, its probability, rank and entropy, and its alternatives. */
function TokenDetails({
  token,
  index,
  canBranch,
  onBranch,
}: {
  token: TokenLogprob;
  index: number;
  canBranch: boolean;
  onBranch?: TokenPopoverProps['onBranch'];
}) {
  const rank = chosenRank(token);
  return (
    <div className="tok-details">
      <p className="tok-chosen">
        <code>{labelToken(token.token)}</code>{' '}
        {token.logprob === null ? (
          <span>no probability (first token of the prompt)</span>
        ) : (
          <span>
            {formatPercent(token.logprob)} · logprob {formatLogprob(token.logprob)}
          </span>
        )}
      </p>
      {token.top.length > 0 ? (
        <>
          <p className="tok-meta">
            Rank {rank === undefined ? `> ${token.top.length}` : `${rank} of ${token.top.length}`} · entropy{' '}
            {positionEntropy(token.top).toFixed(2)} nats
          </p>
          <table className="tok-alternatives">
            <caption className="sr-only">Alternatives at this position</caption>
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Probability</th>
                <th scope="col">Logprob</th>
                {canBranch ? <th scope="col">Branch</th> : null}
              </tr>
            </thead>
            <tbody>
              {token.top.map((alt, i) => {
                const isChosen =
                  alt.id !== undefined && token.id !== undefined
                    ? alt.id === token.id
                    : alt.token === token.token;
                return (
                  <tr key={`${i}-${alt.token}`} className={isChosen ? 'tok-alt-chosen' : undefined}>
                    <td>
                      <code>{labelToken(alt.token)}</code>
                    </td>
                    <td>{formatPercent(alt.logprob)}</td>
                    <td>{formatLogprob(alt.logprob)}</td>
                    {canBranch ? (
                      <td>
                        {isChosen ? (
                          <span className="tok-meta">chosen</span>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => onBranch?.(index, alt)}
                          >
                            Continue with {labelToken(alt.token)}
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p className="tok-meta">The server sent no alternatives for this position.</p>
      )}
    </div>
  );
}

/**
 * The details of the hovered or focused token. A dialog (not a tooltip): it holds buttons. Non-modal, so the token
 * keeps focus and arrow keys keep moving; Tab from the token enters it.
 */
export function TokenPopover(props: TokenPopoverProps) {
  const first = props.indexes[0] ?? 0;
  const canBranch = props.onBranch !== undefined && !props.isEcho;
  return (
    <div
      id={props.id}
      role="dialog"
      aria-label="Token details"
      className="tok-popover"
      style={{ ...props.position, width: POPOVER_WIDTH }}
      onPointerEnter={props.onPointerEnter}
      onPointerLeave={props.onPointerLeave}
      onBlur={(e) => {
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) {
          props.onLeave(e.relatedTarget);
        }
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        props.onEscape();
      }}
    >
      {props.indexes.length > 1 ? (
        <p className="tok-meta">
          {props.indexes.length} tokens that together make one character (positions {first + 1}–
          {first + props.indexes.length})
        </p>
      ) : (
        <p className="tok-meta">Position {first + 1}</p>
      )}
      {props.indexes.map((i) => {
        const token = props.tokens.at(i);
        return token ? (
          <TokenDetails key={i} token={token} index={i} canBranch={canBranch} onBranch={props.onBranch} />
        ) : null;
      })}
    </div>
  );
}
