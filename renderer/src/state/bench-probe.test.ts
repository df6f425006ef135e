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
    probe?.applied();
    // The paint time is taken from a message posted after the batch was applied.
    await new Promise((done) => setTimeout(done, 20));
    expect(window.__r9sBench?.lags).toHaveLength(2);
  });
});
