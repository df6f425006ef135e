import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRunFiles } from '../../main/core/history';
import { done, entry, runId, useTempStores } from './history-helpers';

const { open, fresh } = useTempStores();

describe('recording runs', () => {
  it('records start, progress and finish, and reads them back after reopening', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    expect(h.get(runId(1))).toMatchObject({ status: 'running', outputs: [] });
    h.progress(runId(1), ['Hel']);
    h.finish(runId(1), done(['Hello world']));
    expect(h.list({ offset: 0, limit: 10 }).items[0]).toMatchObject({
      id: runId(1),
      status: 'done',
      outputPreview: 'Hello world',
      promptPreview: 'Prompt number 1',
      durationMs: 20,
    });
    await h.close();

    const again = open(dir);
    expect(again.get(runId(1))).toMatchObject({
      status: 'done',
      outputs: ['Hello world'],
      usage: { total_tokens: 7 },
      request: { headers: { authorization: 'Bearer [redacted]' } },
    });
    expect(again.stats().corruptLines).toBe(0);
  });

  it('marks a run with a start but no finish as interrupted, keeping its last progress', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.progress(runId(1), ['partial out', 'second choice']);
    await h.close(); // the "crash": the process ends before finish

    const again = open(dir);
    expect(again.list({ offset: 0, limit: 5 }).items[0]).toMatchObject({
      status: 'interrupted',
      outputPreview: 'partial out',
    });
    expect(again.get(runId(1))).toMatchObject({
      status: 'interrupted',
      outputs: ['partial out', 'second choice'],
    });
  });

  it('lists each run with its parameters in brief, kept out of the index and read back after reopening', async () => {
    const dir = fresh();
    const h = open(dir);
    const params = {
      model: 'fake-model',
      prompt: 'p',
      stream: false,
      temperature: 0.6,
      top_p: 0.9,
      seed: 42,
      echo: true,
      stop: ['###', '\n\n'],
      logit_bias: { '50256': -100 },
      user: 'someone@example.com',
    };
    h.start(entry(1, { params }));
    h.start(entry(2));
    h.finish(runId(1), done(['x']));
    const brief = {
      temperature: 0.6,
      top_p: 0.9,
      seed: 42,
      echo: true,
      stream: false,
      stop: 2,
      logit_bias: 1,
    };
    const listed = () => h.list({ offset: 0, limit: 10 }).items.map((s) => s.paramsBrief);
    expect(listed()).toEqual([{ temperature: 0.5, stream: true }, brief]);
    await h.close();

    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).not.toContain('paramsBrief');
    const again = open(dir);
    expect(again.list({ offset: 0, limit: 10 }).items.map((s) => s.paramsBrief)).toEqual([
      { temperature: 0.5, stream: true },
      brief,
    ]);
  });

  it('a row carries its profile and usage (for its cost) after the run ends and after reopening, not in the index', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1, { profileId: 'p-priced' }));
    expect(h.list({ offset: 0, limit: 10 }).items[0]?.usage).toBeUndefined();
    const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
    h.finish(runId(1), { ...done(['x']), usage });
    expect(h.list({ offset: 0, limit: 10 }).items[0]).toMatchObject({ profileId: 'p-priced', usage });
    await h.close();
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).not.toContain('prompt_tokens');
    const again = open(dir);
    expect(again.list({ offset: 0, limit: 10 }).items[0]).toMatchObject({ profileId: 'p-priced', usage });
  });

  it('lists newest first with paging and a total', () => {
    const h = open(fresh());
    for (let i = 1; i <= 5; i++) h.start(entry(i));
    const page = h.list({ offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((s) => s.id)).toEqual([runId(4), runId(3)]);
  });

  it('ignores unsafe ids (they would be file names) and duplicates', () => {
    const h = open(fresh());
    h.start(entry(1, { id: '../../etc/passwd' }));
    h.start(entry(2));
    h.start(entry(2, { params: { model: 'other', prompt: 'x', stream: true } }));
    expect(h.list({ offset: 0, limit: 10 }).items.map((s) => [s.id, s.model])).toEqual([
      [runId(2), 'fake-model'],
    ]);
  });
});

describe('search', () => {
  it('matches prompt, model and preset name, ignoring case', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1, { params: { model: 'llama-3', prompt: 'Write a HAIKU about\nthe sea', stream: true } }));
    h.start(entry(2, { presetName: 'Haiku master' }));
    h.start(entry(3, { params: { model: 'gpt-haiku', prompt: 'nothing', stream: true } }));
    h.start(entry(4));
    const ids = (q: string, store = h) =>
      store.list({ search: q, offset: 0, limit: 10 }).items.map((s) => s.id);
    expect(ids('haiku')).toEqual([runId(3), runId(2), runId(1)]);
    expect(ids('about the sea')).toEqual([runId(1)]);
    expect(ids('LLAMA')).toEqual([runId(1)]);
    expect(ids('run-')).toEqual([]);
    await h.close();
    // After reopening the prompts come from the search file, not memory.
    const again = open(dir);
    expect(ids('haiku', again)).toEqual([runId(3), runId(2), runId(1)]);
    expect(ids('write a haiku', again)).toEqual([runId(1)]);
    again.delete(runId(1));
    expect(ids('write a haiku', again)).toEqual([]);
  });

  it('filters starred runs', () => {
    const h = open(fresh());
    h.start(entry(1));
    h.start(entry(2));
    expect(h.star(runId(1), true)).toMatchObject({ id: runId(1), starred: true });
    expect(h.list({ starred: true, offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([runId(1)]);
    expect(h.star('run-missing', true)).toBeUndefined();
  });
});

describe('delete and retention', () => {
  it('deletes an entry and its file', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['x']));
    await h.flush();
    expect(listRunFiles(dir)).toEqual([`${runId(1)}.json`]);
    expect(h.delete(runId(1))).toBe(true);
    expect(h.delete(runId(1))).toBe(false);
    await h.close();
    expect(listRunFiles(dir)).toEqual([]);
    expect(open(dir).list({ offset: 0, limit: 10 }).total).toBe(0);
  });

  it('keeps at most N runs, dropping the oldest unstarred first, and survives reopening', async () => {
    const dir = fresh();
    const h = open(dir);
    for (let i = 1; i <= 6; i++) {
      h.start(entry(i));
      h.finish(runId(i), done([`out ${i}`]));
    }
    h.star(runId(1), true);
    h.setRetention(3);
    expect(h.list({ offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([runId(6), runId(5), runId(1)]);
    h.start(entry(7));
    expect(h.list({ offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([runId(7), runId(6), runId(1)]);
    h.setRetention(1);
    // Starred runs go last; the running run stays.
    expect(h.list({ offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([runId(7)]);
    await h.close();
    expect(
      open(dir)
        .list({ offset: 0, limit: 10 })
        .items.map((s) => s.id),
    ).toEqual([runId(7)]);
    expect(listRunFiles(dir)).toEqual([`${runId(7)}.json`]);
  });

  it('records nothing with a retention of 0', () => {
    const h = open(fresh());
    h.setRetention(0);
    h.start(entry(1));
    expect(h.list({ offset: 0, limit: 10 }).total).toBe(0);
  });
});

describe('token probabilities in history', () => {
  const tokens = [[{ token: 'Hi', logprob: -0.1, top: [{ token: 'Hi', logprob: -0.1 }] }], []];

  it('reads the tokens of a finished run back after reopening', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['Hi', ''], { tokens, promptTokens: [0, 0] }));
    await h.close();
    expect(open(dir).get(runId(1))).toMatchObject({ outputs: ['Hi', ''], tokens, promptTokens: [0, 0] });
  });

  it('drops damaged tokens of a stored run and keeps the rest of the entry', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(entry(1));
    h.finish(runId(1), done(['Hi']));
    await h.close();
    const path = join(dir, 'runs', `${runId(1)}.json`);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      path,
      JSON.stringify({ ...stored, tokens: [[{ token: 3, top: 'x' }]], promptTokens: [-1] }),
    );
    const read = open(dir).get(runId(1));
    expect(read?.outputs).toEqual(['Hi']);
    expect(read).not.toHaveProperty('tokens');
    expect(read).not.toHaveProperty('promptTokens');
  });
});
