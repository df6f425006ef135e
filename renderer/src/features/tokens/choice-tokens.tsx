import { useCallback, useRef } from 'react';
import type { TokenAlternative } from '../../../../shared/token-logprobs';
import type { ChoiceTokensView } from '../../state/token-source';
import { TokenFigures } from './token-figures';
import { TokenLegend } from './token-legend';
import { TokenView, type TokenViewHandle } from './token-view';
import { useTokenSnapshot } from './use-token-snapshot';

/** Where "Continue with" branches from: the run, its choice, the token position and the alternative picked. */
export interface BranchPoint {
  runId: string;
  choice: number;
  tokenIndex: number;
  alternative: TokenAlternative;
}

/** Props of one choice's token view with its legend and figures. */
interface ChoiceTokensProps {
  runId: string;
  index: number;
  /** The output's name ("Completion 2", "Column 1"): the token list is named after it. */
  name: string;
  tokens: ChoiceTokensView;
  onBranch?: (at: BranchPoint) => void;
  markToken?: number;
  onGrow?: () => void;
}

/**
 * A choice drawn token by token: legend, sequence figures of the generated tokens (the echoed prompt left out), and
 * the token view. The view draws each frame's tokens itself; the figures follow at most twice a second.
 */
export function ChoiceTokens({ runId, index, name, tokens, onBranch, markToken, onGrow }: ChoiceTokensProps) {
  const view = useRef<TokenViewHandle>(null);
  const snapshot = useTokenSnapshot(tokens.source);
  const jump = useCallback((tokenIndex: number) => view.current?.focusToken(tokenIndex), []);
  const branch = useCallback(
    (tokenIndex: number, alternative: TokenAlternative) =>
      onBranch?.({ runId, choice: index, tokenIndex, alternative }),
    [onBranch, runId, index],
  );
  return (
    <div className="tok-panel">
      <div className="tok-panel-head">
        <TokenLegend />
        <TokenFigures tokens={snapshot} fromToken={tokens.promptTokens} onJump={jump} />
      </div>
      <TokenView
        ref={view}
        source={tokens.source}
        label={`Tokens of ${name}`}
        echoTokens={tokens.promptTokens}
        {...(onBranch ? { onBranch: branch } : {})}
        {...(markToken !== undefined ? { markToken } : {})}
        {...(onGrow ? { onGrow } : {})}
      />
    </div>
  );
}
