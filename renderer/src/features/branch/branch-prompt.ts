import { tokenBytes, type TokenAlternative, type TokenLogprob } from '../../../../shared/token-logprobs';

/** Where "Continue with ‹token›" branches from, and what the run it branches from had. */
export interface BranchInput {
  /** The prompt the run was sent with. */
  prompt: string;
  /** The choice's tokens, the echoed prompt's first when the run echoed it. */
  tokens: readonly TokenLogprob[];
  /** How many leading tokens are the echoed prompt (0 without echo). */
  promptTokens: number;
  /** The position branched from: the token there is replaced by `alternative`. */
  tokenIndex: number;
  alternative: TokenAlternative;
}

/**
 * The prompt of a branch: the run's prompt, then the output's tokens before the branch position, then the
 * alternative. The output is rebuilt from the tokens' bytes, not from the shown text, so a character that byte-level
 * BPE split across tokens is joined exactly as the token view groups it (and an alternative that completes a
 * character begun by the tokens before it makes that character). An echoed prompt is not added twice: its tokens are
 * skipped and the prompt is taken as it was sent; a branch inside the echoed prompt cuts the prompt there.
 */
export function branchPrompt({ prompt, tokens, promptTokens, tokenIndex, alternative }: BranchInput): string {
  const isInPrompt = tokenIndex < promptTokens;
  const from = isInPrompt ? 0 : promptTokens;
  const pieces = tokens.slice(from, tokenIndex).map(tokenBytes);
  pieces.push(tokenBytes(alternative));
  const bytes = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    bytes.set(p, at);
    at += p.length;
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return isInPrompt ? text : prompt + text;
}

/** The branch position as the user counts it: the 1-based number of the generated token branched from. */
export const branchPosition = (tokenIndex: number, promptTokens: number): number =>
  tokenIndex < promptTokens ? tokenIndex + 1 : tokenIndex - promptTokens + 1;
