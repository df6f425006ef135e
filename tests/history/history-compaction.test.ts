import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRunFiles } from '../../main/core/history';
import { done, entry, runId, useTempStores } from './history-helpers';

const { open, fresh } = useTempStores();

describe('damage and compaction', () => {
  it('skips, counts and quarantines corrupt lines, and a half-written last line does not swallow the next record', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['one']));
    h.start(entry(2));
    await h.close();
    const log = join(dir, 'history.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines.splice(1, 0, '{not json', '{"t":"e","s":{"id":"../x"}}', '["array"]');
    writeFileSync(log, lines.join('\n'));
    appendFileSync(log, '{"t":"f","id":"run-000002","st":"do'); // torn write at the end

    const again = open(dir);
    expect(again.stats().corruptLines).toBe(4);
    expect(again.list({ offset: 0, limit: 10 }).items.map((s) => [s.id, s.status])).toEqual([
      [runId(2), 'interrupted'],
      [runId(1), 'done'],
    ]);
    again.star(runId(2), true);
    await again.close();
    const third = open(dir);
    // The damaged lines were copied aside and the index rewritten without them.
    expect(third.stats().corruptLines).toBe(0);
    const aside = readdirSync(dir).filter((n) => n.startsWith('history.corrupt-'));
    expect(readFileSync(join(dir, aside[0]!), 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
    expect(third.list({ starred: true, offset: 0, limit: 10 }).total).toBe(1);
  });

  it('reports an unreadable entry file instead of throwing', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['x']));
    await h.close();
    writeFileSync(join(dir, 'runs', `${runId(1)}.json`), '{"broken');
    const again = open(dir);
    expect(again.get(runId(1))).toBeUndefined();
    expect(again.stats().unreadableEntries).toBe(1);
    expect(() => again.export('jsonl')).not.toThrow();
  });

  it('compacts the log when it grows past twice the live data, keeping the same state', async () => {
    const dir = fresh();
    const h = open(dir);
    for (let i = 1; i <= 300; i++) {
      h.start(entry(i, { params: { model: 'm', prompt: `p${i} ${'w'.repeat(100)}`, stream: true } }));
      for (let k = 1; k <= 5; k++) h.progress(runId(i), [`${'o'.repeat(k * 10)}`]);
      for (let k = 0; k < 8; k++) h.star(runId(i), k % 2 === 0);
      h.finish(runId(i), done(['o'.repeat(60)]));
      if (i % 3 === 0) h.star(runId(i), true);
      if (i % 2 === 0) h.delete(runId(i));
    }
    await h.flush();
    const before = h.list({ offset: 0, limit: 1000 });
    expect(h.stats().compactions).toBeGreaterThan(0);
    await h.compact();
    const size = readFileSync(join(dir, 'history.jsonl'), 'utf8');
    expect(size.split('\n').filter(Boolean)).toHaveLength(150);
    await h.close();
    const again = open(dir);
    expect(again.list({ offset: 0, limit: 1000 })).toEqual(before);
    expect(again.stats().corruptLines).toBe(0);
    expect(listRunFiles(dir)).toHaveLength(150);
    expect(again.list({ search: 'p101 ', offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([
      runId(101),
    ]);
  });

  it('rewrites the prompt search file when it holds mostly deleted runs', async () => {
    const dir = fresh();
    const h = open(dir);
    const prompt = (i: number) => ({ params: { model: 'm', prompt: `needle-${i} text`, stream: true } });
    for (let i = 1; i <= 1300; i++) h.start(entry(i, prompt(i)));
    await h.flush();
    for (let i = 1; i <= 1250; i++) h.delete(runId(i));
    h.start(entry(5000, prompt(5000)));
    await h.flush();
    const searchLines = readFileSync(join(dir, 'history-search.txt'), 'utf8').split('\n').filter(Boolean);
    expect(searchLines.length).toBeLessThan(100);
    const ids = (q: string, store = h) =>
      store.list({ search: q, offset: 0, limit: 100 }).items.map((s) => s.id);
    expect(ids('NEEDLE-1299 ')).toEqual([runId(1299)]);
    expect(ids('needle-5000')).toEqual([runId(5000)]);
    expect(ids('needle-12 text')).toEqual([]);
    await h.close();
    expect(ids('needle', open(dir))).toHaveLength(51);
  });
});
