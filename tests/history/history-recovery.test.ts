import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHistoryStore, listRunFiles } from '../../main/core/history';
import { done, entry, runId, useTempStores } from './history-helpers';

const { open, fresh } = useTempStores();

/** Flips one character inside the `e` line of `id`, as a bad sector or a stray editor would. */
const damageIndexLine = (dir: string, id: string) => {
  const log = join(dir, 'history.jsonl');
  const lines = readFileSync(log, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('{"t":"e"') && l.includes(id));
  expect(at).toBeGreaterThanOrEqual(0);
  lines[at] = lines[at]!.replace('"status"', '"st\u0000tus"');
  writeFileSync(log, lines.join('\n'));
  return lines[at];
};

describe('history never deletes what it cannot read', () => {
  it('rebuilds a run whose index line is damaged from its file, keeps its later stars, and quarantines the line', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['first output']));
    h.star(runId(1), true);
    h.start(entry(2));
    h.finish(runId(2), done(['second output']));
    await h.close();
    const bad = damageIndexLine(dir, runId(1));

    const again = open(dir);
    const listed = again.list({ offset: 0, limit: 10 }).items;
    expect(listed.map((s) => [s.id, s.status, s.starred])).toEqual([
      [runId(2), 'done', false],
      [runId(1), 'done', true],
    ]);
    expect(again.get(runId(1))?.outputs).toEqual(['first output']);
    expect(again.list({ search: 'prompt number 1', offset: 0, limit: 10 }).total).toBe(1);
    const quarantined = readdirSync(dir).filter((n) => /^history\.corrupt-.+\.jsonl$/.test(n));
    expect(quarantined).toHaveLength(1);
    expect(readFileSync(join(dir, quarantined[0]!), 'utf8')).toBe(`${bad}\n`);
    expect(again.notices().join('\n')).toMatch(/1 damaged line .*history\.corrupt-.*1 run was rebuilt/);

    await again.compact();
    await again.close();
    expect(listRunFiles(dir).sort()).toEqual([`${runId(1)}.json`, `${runId(2)}.json`]);
    const third = open(dir);
    expect(third.stats().corruptLines).toBe(0);
    expect(third.list({ offset: 0, limit: 10 }).items.map((s) => [s.id, s.starred])).toEqual([
      [runId(2), false],
      [runId(1), true],
    ]);
    expect(third.notices()).toEqual([]);
  });

  it('keeps a run file that no line lists at all (a crash between the two writes) through compaction', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['kept']));
    h.start(entry(2));
    h.finish(runId(2), done(['gone']));
    h.delete(runId(2));
    await h.close();
    writeFileSync(join(dir, 'history.jsonl'), ''); // the index lost, the run files intact

    const again = open(dir);
    expect(again.list({ offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([runId(1)]);
    await again.compact();
    expect(listRunFiles(dir)).toEqual([`${runId(1)}.json`]);
  });

  it('never deletes a run file it cannot read, and still deletes the files of deleted runs', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['x']));
    h.start(entry(2));
    h.finish(runId(2), done(['y']));
    await h.close();
    writeFileSync(join(dir, 'runs', `${runId(3)}.json`), '{"half a run');
    const deleted = join(dir, 'runs', `${runId(2)}.json`);
    const again = open(dir);
    expect(again.notices().join('\n')).toMatch(/1 run file could not be read and was left in place/);
    again.delete(runId(2));
    await again.compact();
    expect(existsSync(deleted)).toBe(false);
    expect(listRunFiles(dir).sort()).toEqual([`${runId(1)}.json`, `${runId(3)}.json`]);
  });
});

describe('exports of damaged runs', () => {
  it('exports every readable run, and what is readable of a run with a wrongly typed field', async () => {
    const dir = fresh();
    const h = open(dir);
    for (const n of [1, 2, 3]) {
      h.start(entry(n));
      h.finish(runId(n), done([`output ${n}`]));
    }
    await h.close();
    const path = join(dir, 'runs', `${runId(2)}.json`);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...stored, choices: 'oops', usage: 7, metrics: [null] }));

    const again = open(dir);
    const csv = again.export('csv').trim().split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[2]).toContain('output 2');
    expect(csv[2]).toContain(runId(2));
    const jsonl = again.export('jsonl').trim().split('\n');
    expect(jsonl.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([runId(1), runId(2), runId(3)]);
  });
});

describe('history write failures', () => {
  it('tells the user once, beside the log line, and keeps serving the runs it holds', async () => {
    const dir = fresh();
    const errors: unknown[] = [];
    const h = createHistoryStore({ dir, onError: (error) => void errors.push(error) });
    // A file where the runs folder was: every run write fails, as on a vanished or read-only folder (even for root).
    rmSync(join(dir, 'runs'), { recursive: true });
    writeFileSync(join(dir, 'runs'), 'not a folder');
    h.start(entry(1));
    h.finish(runId(1), done(['kept in memory']));
    await h.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(h.notices()).toEqual([
      expect.stringMatching(
        /^Run history could not be written to .*\(ENOTDIR.*may be missing after a restart\.$/,
      ),
    ]);
    h.start(entry(2));
    await h.flush();
    expect(h.notices()).toHaveLength(1);
    expect(h.list({ offset: 0, limit: 10 }).total).toBe(2);
    await h.close();
  });
});
