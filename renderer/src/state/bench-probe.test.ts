// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createBenchProbe } from './bench-probe';

describe('bench probe', () => {
  it('is off without ?bench and one shared probe with it', async () => {
    expect(createBenchProbe('?token=x')).toBeUndefined();
    expect(window.__r9sBench).toBeUndefined();
    const probe = createBenchProbe('?token=x&bench=1');
    expect(probe).toBeDefined();
    expect(createBenchProbe('?bench=1')).toBe(probe);
    probe?.arrived(2);
    const startedAt = performance.now();
    probe?.applied(startedAt);
    // The paint time is taken from a message posted after the batch was applied.
    await new Promise((done) => setTimeout(done, 20));
    const data = window.__r9sBench;
    expect(data?.lags).toHaveLength(2);
    expect(data?.waits).toHaveLength(2);
    expect(data?.works).toHaveLength(1);
    // The whole frame holds the frame's work and the script before it.
    expect(data?.wholes).toHaveLength(1);
    expect(data?.wholes[0]).toBeGreaterThanOrEqual(data?.works[0] ?? NaN);
    // Each lag is its wait plus the frame's work, measured from the same clock.
    for (const [i, lag] of (data?.lags ?? []).entries())
      expect(lag).toBeCloseTo((data?.waits[i] ?? NaN) + (data?.works[0] ?? NaN), 6);
  });
});
