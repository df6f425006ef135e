import { describe, expect, it } from 'vitest';
import { effectiveStream } from '../../shared/param-rules';

describe('effectiveStream', () => {
  it('forces a non-streamed request when best_of > 1', () => {
    expect(effectiveStream({ stream: true, best_of: 2 })).toBe(false);
    expect(effectiveStream({ stream: true, best_of: 1 })).toBe(true);
    expect(effectiveStream({ stream: true })).toBe(true);
  });
});
