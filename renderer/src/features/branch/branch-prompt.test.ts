import { describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { branchPosition, branchPrompt } from './branch-prompt';

const tok = (token: string, bytes?: number[]): TokenLogprob => ({
  token,
  logprob: -0.5,
  top: [],
  ...(bytes ? { bytes } : {}),
});
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

describe('branchPrompt', () => {
  it('is the prompt, the output before the position, then the alternative', () => {
    const tokens = [tok(' the'), tok(' cat'), tok(' sat')];
    expect(
      branchPrompt({
        prompt: 'Once',
        tokens,
        promptTokens: 0,
        tokenIndex: 2,
        alternative: { token: ' ran', logprob: -1 },
      }),
    ).toBe('Once the cat ran');
    // At the first token nothing of the output is kept.
    expect(
      branchPrompt({
        prompt: 'Once',
        tokens,
        promptTokens: 0,
        tokenIndex: 0,
        alternative: { token: ' a', logprob: -1 },
      }),
    ).toBe('Once a');
  });

  it('does not add an echoed prompt twice', () => {
    // The echoed prompt's tokens come first; the prompt as sent is used instead of them.
    const tokens = [{ ...tok('Hello'), logprob: null }, tok(' world'), tok(','), tok(' friend')];
    const at = { prompt: 'Hello world', tokens, promptTokens: 2, alternative: { token: '!', logprob: -2 } };
    expect(branchPrompt({ ...at, tokenIndex: 3 })).toBe('Hello world,!');
    expect(branchPrompt({ ...at, tokenIndex: 2 })).toBe('Hello world!');
    // Inside the echoed prompt, the prompt is cut there.
    expect(branchPrompt({ ...at, tokenIndex: 1 })).toBe('Hello!');
  });

  it('joins a character split across tokens by its bytes, and lets an alternative complete one', () => {
    const smile = utf8('😀'); // f0 9f 98 80
    const tokens = [tok(' hi'), tok('', smile.slice(0, 2)), tok('', smile.slice(2)), tok(' there')];
    const base = { prompt: 'P:', tokens, promptTokens: 0 };
    expect(branchPrompt({ ...base, tokenIndex: 3, alternative: { token: '!', logprob: -1 } })).toBe(
      'P: hi😀!',
    );
    // Branching at the second half of the emoji: the first half is kept and the alternative's bytes finish it.
    const grin = utf8('😁'); // f0 9f 98 81
    expect(
      branchPrompt({ ...base, tokenIndex: 2, alternative: { token: '', bytes: grin.slice(2), logprob: -1 } }),
    ).toBe('P: hi😁');
    expect(
      branchPrompt({ ...base, tokenIndex: 2, alternative: { token: '', bytes: grin.slice(2), logprob: -1 } }),
    ).not.toContain('\uFFFD');
  });

  it('counts the branch position among the generated tokens', () => {
    expect(branchPosition(3, 2)).toBe(2);
    expect(branchPosition(0, 0)).toBe(1);
    expect(branchPosition(1, 2)).toBe(2);
  });
});
