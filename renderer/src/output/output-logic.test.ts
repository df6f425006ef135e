import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import { errorHint, unsupportedParam } from './error-hint';
import { retryText } from './retry-banner';
import { extendBlockEnds } from './text-blocks';

const err = (e: Partial<AppError>): AppError => ({ kind: 'http_error', message: '', ...e });

describe('errorHint', () => {
  it('401 → check the key of this profile', () => {
    expect(
      errorHint(err({ kind: 'authentication', status: 401, message: 'Incorrect API key provided.' })),
    ).toMatch(/Check the API key for this profile/);
  });
  it('429 → rate limit or balance', () => {
    expect(errorHint(err({ kind: 'rate_limited', status: 429 }))).toMatch(/Rate limit or balance/);
  });
  it('unknown model → pick from the list', () => {
    expect(errorHint(err({ kind: 'not_found', status: 404, message: 'The model does not exist.' }))).toMatch(
      /pick a model from the Model list/,
    );
    expect(errorHint(err({ kind: 'bad_request', status: 400, message: 'model "gpt-9" not found' }))).toMatch(
      /pick a model/,
    );
  });
  it('unsupported param → names the parameter to unset', () => {
    const e = err({ kind: 'server_error', status: 500, message: 'Unsupported param: best_of' });
    expect(unsupportedParam(e)).toBe('best_of');
    expect(errorHint(e)).toBe(
      'The server does not accept “best_of”: press Unset on Best of (or remove it from Extra body) and run again.',
    );
    expect(unsupportedParam(err({ message: "Unsupported parameter 'echo'" }))).toBe('echo');
    expect(unsupportedParam(err({ message: 'logit_bias is not supported by this model' }))).toBe(
      'logit_bias',
    );
    expect(unsupportedParam(err({ message: 'Unsupported value for model' }))).toBeUndefined();
  });
  it('our own validation names the field by its label', () => {
    expect(
      errorHint(
        err({ kind: 'invalid_input', param: 'params.best_of', message: 'best_of must be at least n' }),
      ),
    ).toBe('Fix Best of in the parameters and run again.');
  });
});

describe('retryText', () => {
  it('counts down whole seconds and names the attempt', () => {
    const retry = { attempt: 2, maxAttempts: 4, reason: 'rate limited', status: 429, until: 10_000 };
    expect(retryText(retry, 8_200)).toBe('Rate limited — retrying in 2 s (attempt 2 of 4)');
    expect(retryText({ ...retry, status: 503 }, 9_999)).toBe(
      'Server answered 503 — retrying in 1 s (attempt 2 of 4)',
    );
  });
});

describe('text blocks', () => {
  const join = (text: string, ends: readonly number[]) =>
    [...ends, text.length].map((end, i) => text.slice(ends[i - 1] ?? 0, end));

  it('splits after a newline once a block is long enough, and never moves a closed block', () => {
    let text = '';
    let ends: readonly number[] = [];
    const seen: (readonly number[])[] = [];
    for (let i = 0; i < 500; i++) {
      text += `line ${i} ${'x'.repeat(i % 50)}\n`;
      const next = extendBlockEnds(text, ends, 256, 1024);
      expect(next.slice(0, ends.length)).toEqual(ends);
      ends = next;
      seen.push(ends);
    }
    expect(join(text, ends).join('')).toBe(text);
    expect(ends.length).toBeGreaterThan(10);
    for (const end of ends) expect(text[end - 1]).toBe('\n');
    // No block closed: the very same array comes back, which is how OutputText knows not to re-render closed blocks.
    expect(extendBlockEnds(text, ends, 256, 1024)).toBe(ends);
  });

  it('cuts a line with no newline after a space, or at the hard limit when it has none', () => {
    expect(extendBlockEnds('y'.repeat(5000), [], 256, 1024)).toEqual([1024, 2048, 3072, 4096]);
    const words = 'word '.repeat(1000);
    const ends = extendBlockEnds(words, [], 256, 1024);
    for (const end of ends) expect(words[end - 1]).toBe(' ');
    expect(ends[0]).toBe(1020);
  });
});
