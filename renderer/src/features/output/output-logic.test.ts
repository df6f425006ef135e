import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../shared/result';
import { errorHint, unsupportedParam } from './error-hint';
import { retryText } from './retry-banner';
import { blockEnd, blockLimits } from './text-blocks';

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
  /** The rule applied to a whole text: its blocks, the last one open. */
  const split = (text: string, soft: number, hard: number) => {
    const blocks: string[] = [];
    let rest = text;
    for (let end = blockEnd(rest, soft, hard); end !== undefined; end = blockEnd(rest, soft, hard)) {
      blocks.push(rest.slice(0, end));
      rest = rest.slice(end);
    }
    return [...blocks, rest];
  };

  it('closes a block after a newline once it is long enough', () => {
    let text = '';
    for (let i = 0; i < 500; i++) text += `line ${i} ${'x'.repeat(i % 50)}\n`;
    const blocks = split(text, 256, 1024);
    expect(blocks.join('')).toBe(text);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks.slice(0, -1)) {
      expect(block.endsWith('\n')).toBe(true);
      expect(block.length).toBeGreaterThanOrEqual(256);
      expect(block.length).toBeLessThanOrEqual(1024);
    }
    expect(blockEnd('short\ntext', 256, 1024)).toBeUndefined();
  });

  it('cuts a line with no newline after a space, or at the hard limit when it has none', () => {
    expect(split('y'.repeat(5000), 256, 1024).map((b) => b.length)).toEqual([1024, 1024, 1024, 1024, 904]);
    const blocks = split('word '.repeat(1000), 256, 1024);
    for (const block of blocks.slice(0, -1)) expect(block.endsWith(' ')).toBe(true);
    expect(blocks[0]).toHaveLength(1020);
  });

  it('starts an output with small blocks, which are the ones on screen, and grows them to the full sizes', () => {
    const hards = [0, 1, 2, 3, 50].map((i) => blockLimits(i)[1]);
    expect(hards[0]).toBeLessThan(hards[1]!);
    expect(hards[1]).toBeLessThan(hards[2]!);
    expect(new Set(hards.slice(2)).size).toBe(1);
    for (const i of [0, 1, 2]) expect(blockLimits(i)[0]).toBeLessThan(blockLimits(i)[1]);
  });
});
