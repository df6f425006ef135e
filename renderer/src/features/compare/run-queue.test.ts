import { describe, expect, it } from 'vitest';
import { createRunQueue } from './run-queue';

const starter = () => {
  const started: string[] = [];
  return {
    started,
    run: (id: string, endpoint: string) => ({ id, endpoint, start: () => started.push(id) }),
  };
};

describe('per-endpoint run queue', () => {
  it('runs up to the limit per endpoint and endpoints in parallel', () => {
    const { started, run } = starter();
    const q = createRunQueue(() => 2);
    expect(q.enqueue(run('a1', 'http://a'))).toBe('started');
    expect(q.enqueue(run('a2', 'http://a'))).toBe('started');
    expect(q.enqueue(run('a3', 'http://a'))).toBe('queued');
    expect(q.enqueue(run('b1', 'http://b'))).toBe('started');
    expect(started).toEqual(['a1', 'a2', 'b1']);
    q.finished('a1');
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
  });

  it('with a limit of 1 runs one at a time, in order, and skips cancelled waiting runs', () => {
    const { started, run } = starter();
    const q = createRunQueue(() => 1);
    for (const id of ['r1', 'r2', 'r3', 'r4']) q.enqueue(run(id, 'http://local'));
    expect(q.isWaiting('r3')).toBe(true);
    expect(q.cancel('r3')).toBe(true);
    expect(q.cancel('r1')).toBe(false);
    q.finished('r1');
    q.finished('r2');
    expect(started).toEqual(['r1', 'r2', 'r4']);
    q.finished('unknown');
    expect(started).toHaveLength(3);
  });

  it('reads the limit at each decision', () => {
    const { started, run } = starter();
    let limit = 1;
    const q = createRunQueue(() => limit);
    q.enqueue(run('x1', 'e'));
    q.enqueue(run('x2', 'e'));
    q.enqueue(run('x3', 'e'));
    limit = 3;
    q.finished('x1');
    expect(started).toEqual(['x1', 'x2', 'x3']);
  });
});
