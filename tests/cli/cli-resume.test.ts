/**
 * `--resume` after a crash: a run killed mid-grid, then resumed from its JSONL file, sends exactly the cells that had
 * not finished (asserted from the server's request log); out-of-date and failed lines run again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResultsJsonl } from '../../shared/grid/exports';
import type { ResultLine } from '../../shared/grid/result-line';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { createWorkspace, presetFile, runCli, SECRET, startCli, waitFor } from './cli-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = async () => {
  const server = await startFakeServer({ apiKey: SECRET });
  const ws = createWorkspace();
  cleanups.push(() => server.close(), ws.cleanup);
  ws.write(
    'p.preset.json',
    presetFile([
      { name: 'Two', params: { model: 'fake-model', max_tokens: 2 } },
      { name: 'Three', params: { model: 'fake-model', max_tokens: 3 } },
    ]),
  );
  ws.write('cases.csv', 'w\na\nb\nc\n');
  return { server, ws, env: { R9S_BASE_URL: server.url, R9S_API_KEY: SECRET } };
};

const args = ['run', 'p.preset.json', '--cases', 'cases.csv', '--prompt', '{{w}}', '--out', 'r.jsonl'];

/** A cell as the server saw it: prompt and max_tokens identify case and preset. */
const sentCells = (server: FakeServer, from = 0) =>
  server.requests
    .slice(from)
    .map((r) => r.body as { prompt: string; max_tokens: number })
    .map((b) => `${b.prompt}@${b.max_tokens}`);

const cellOfLine = (l: ResultLine) => `${String(l.request?.['prompt'])}@${String(l.request?.['max_tokens'])}`;

const readLines = (path: string): ResultLine[] => {
  const parsed = parseResultsJsonl(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('--resume', () => {
  it('after a kill mid-grid, runs only the cells that had not finished', async () => {
    const { server, ws, env } = await setup();
    const out = join(ws.dir, 'r.jsonl');
    // The first three requests to arrive never get an answer: they are in flight when the process dies.
    for (let i = 0; i < 3; i++) server.enqueue({ status: 200, chunks: [], after: 'hang' });
    const first = startCli([...args, '--concurrency', '6'], { cwd: ws.dir, env });
    cleanups.push(() => first.child.kill('SIGKILL'));
    await waitFor(() => server.requests.length === 6 && readFileSync(out, 'utf8').split('\n').length === 4);
    first.child.kill('SIGKILL');
    await first.done;
    const finished = readLines(out).map(cellOfLine);
    expect(finished).toHaveLength(3);
    const all = sentCells(server);
    const before = server.requests.length;

    const resumed = await runCli([...args, '--resume', '--json'], { cwd: ws.dir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resume: 3 finished cells kept');
    expect(sentCells(server, before).sort()).toEqual(all.filter((c) => !finished.includes(c)).sort());
    const lines = readLines(out);
    expect(lines.map((l) => l.key)).toEqual([
      'case-1|p.preset.json%231|0',
      'case-1|p.preset.json%232|0',
      'case-2|p.preset.json%231|0',
      'case-2|p.preset.json%232|0',
      'case-3|p.preset.json%231|0',
      'case-3|p.preset.json%232|0',
    ]);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ total: 6, done: 6, failed: 0 });
  });

  it('runs failed and out-of-date cells again, and nothing when all is done', async () => {
    const { server, ws, env } = await setup();
    server.enqueue({
      status: 503,
      headers: { 'Content-Type': 'application/json' },
      body: '{"error":{"message":"down"}}',
    });
    const first = await runCli([...args, '--concurrency', '1'], { cwd: ws.dir, env });
    expect(first.code).toBe(1);
    let before = server.requests.length;
    const again = await runCli([...args, '--resume'], { cwd: ws.dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(sentCells(server, before)).toEqual(['a@2']);
    expect(again.stderr).toContain(
      'resume: 5 finished cells kept; 1 earlier line (failed or out of date) run again',
    );

    before = server.requests.length;
    const nothing = await runCli([...args, '--resume'], { cwd: ws.dir, env });
    expect(nothing.code).toBe(0);
    expect(server.requests.length).toBe(before);

    // Editing a preset makes its earlier outputs out of date: its cells run again, the other preset's do not.
    ws.write(
      'p.preset.json',
      presetFile([
        { name: 'Two', params: { model: 'fake-model', max_tokens: 2 } },
        { name: 'Three', params: { model: 'fake-model', max_tokens: 3, temperature: 0.5 } },
      ]),
    );
    before = server.requests.length;
    const edited = await runCli([...args, '--resume'], { cwd: ws.dir, env });
    expect(edited.code).toBe(0);
    expect(sentCells(server, before).sort()).toEqual(['a@3', 'b@3', 'c@3']);
  });

  it('refuses an unreadable results file without touching it', async () => {
    const { server, ws, env } = await setup();
    const broken = '{"format":"r9s-playground/result","version":1}\nnot json\n';
    ws.write('r.jsonl', broken);
    const run = await runCli([...args, '--resume'], { cwd: ws.dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/r\.jsonl: line 1: /);
    expect(readFileSync(join(ws.dir, 'r.jsonl'), 'utf8')).toBe(broken);
    expect(server.requests).toHaveLength(0);
  });
});
