/**
 * A full-size grid through the command line: 8 presets × 250 cases = 2,000 cells against the fake server, each sent
 * exactly once (from the server's request log) and each written once to the results file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResultsJsonl } from '../../shared/grid/exports';
import { startFakeServer } from '../support/fake-openai-server';
import { createWorkspace, presetFile, runCli, SECRET } from './cli-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a 2,000-cell grid', () => {
  it('sends every cell exactly once and writes every result', async () => {
    const server = await startFakeServer({ apiKey: SECRET });
    const ws = createWorkspace();
    cleanups.push(() => server.close(), ws.cleanup);
    const presets = Array.from({ length: 8 }, (_, i) => ({
      name: `T${i}`,
      params: { model: 'fake-model', max_tokens: 1, stream: i % 2 === 0, temperature: i / 4 },
    }));
    ws.write('p.preset.json', presetFile(presets));
    ws.write('cases.jsonl', Array.from({ length: 250 }, (_, i) => `{"n":"case ${i}"}\n`).join(''));
    const run = await runCli(
      [
        'run',
        'p.preset.json',
        '--cases',
        'cases.jsonl',
        '--prompt',
        'Q {{n}}',
        '--concurrency',
        '16',
        '--out',
        'r.jsonl',
      ],
      { cwd: ws.dir, env: { R9S_BASE_URL: server.url, R9S_API_KEY: SECRET } },
    );
    expect(run.code, run.stderr).toBe(0);
    const sent = server.requests.map((r) => {
      const b = r.body as { prompt: string; temperature: number };
      return `${b.prompt}@${b.temperature}`;
    });
    expect(sent).toHaveLength(2_000);
    expect(new Set(sent).size).toBe(2_000);
    const parsed = parseResultsJsonl(readFileSync(join(ws.dir, 'r.jsonl'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value).toHaveLength(2_000);
    expect(new Set(parsed.value.map((l) => l.key)).size).toBe(2_000);
    expect(parsed.value.every((l) => l.status === 'succeeded')).toBe(true);
  }, 120_000);
});
