/**
 * Ctrl+C on the command-line runner: it stops the grid, aborts what is in flight, writes every finished cell, and
 * exits 130. A process killed outright still leaves every finished JSONL line on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResultsJsonl } from '../../shared/grid/exports';
import { startFakeServer } from '../support/fake-openai-server';
import { createWorkspace, presetFile, SECRET, startCli, waitFor } from './cli-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = async () => {
  const server = await startFakeServer({ apiKey: SECRET });
  const ws = createWorkspace();
  cleanups.push(() => server.close(), ws.cleanup);
  // Fast cells finish at once; slow ones stream for 20 s, so they are in flight when Ctrl+C comes.
  ws.write(
    'p.preset.json',
    presetFile([
      { name: 'Fast', params: { model: 'fake-model', max_tokens: 2 } },
      { name: 'Slow', params: { model: 'fake-slow' } },
    ]),
  );
  ws.write('cases.csv', 'w\na\nb\nc\n');
  return { server, ws, env: { R9S_BASE_URL: server.url, R9S_API_KEY: SECRET } };
};

const finishedLines = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];

describe('Ctrl+C', () => {
  it('stops cleanly, writes every finished cell and exits 130', async () => {
    const { server, ws, env } = await setup();
    const out = join(ws.dir, 'r.jsonl');
    const cli = startCli(
      [
        'run',
        'p.preset.json',
        '--cases',
        'cases.csv',
        '--prompt',
        '{{w}}',
        '--concurrency',
        '6',
        '--out',
        'r.jsonl',
        '--json',
      ],
      { cwd: ws.dir, env },
    );
    cleanups.push(() => cli.child.kill('SIGKILL'));
    await waitFor(() => finishedLines(out).length === 3 && server.requests.length === 6);
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    const parsed = parseResultsJsonl(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.map((l) => [l.case.id, l.column.label, l.status])).toEqual([
      ['case-1', 'Fast', 'succeeded'],
      ['case-2', 'Fast', 'succeeded'],
      ['case-3', 'Fast', 'succeeded'],
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({
      exit_code: 130,
      stopped: true,
      done: 3,
      failed: 0,
      remaining: 3,
    });
    expect(run.stderr).toMatch(/stopping: finishing the results file/);
    // The slow requests were aborted, not left running on the server.
    const closed = await Promise.all([1, 3, 5].map((i) => server.whenClosed(i)));
    expect(closed.every((c) => c.aborted)).toBe(true);
  });

  it('leaves every finished line on disk even when the process is killed outright', async () => {
    const { server, ws, env } = await setup();
    const out = join(ws.dir, 'r.jsonl');
    const cli = startCli(
      [
        'run',
        'p.preset.json',
        '--cases',
        'cases.csv',
        '--prompt',
        '{{w}}',
        '--concurrency',
        '6',
        '--out',
        'r.jsonl',
      ],
      { cwd: ws.dir, env },
    );
    await waitFor(() => finishedLines(out).length === 3 && server.requests.length === 6);
    cli.child.kill('SIGKILL');
    await cli.done;
    const kept = parseResultsJsonl(readFileSync(out, 'utf8'));
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.value.map((l) => l.column.label)).toEqual(['Fast', 'Fast', 'Fast']);
  });
});
