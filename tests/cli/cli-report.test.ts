/**
 * `--out results.html`: the command line writes the app's report (shared/grid/grid-report.ts) — a child process
 * against the fake server, then the file read back: every output is in it, escaped, and the key is not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../shared/grid/grid-report';
import { fakeText, startFakeServer } from '../support/fake-openai-server';
import { createWorkspace, presetFile, runCli, SECRET } from './cli-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)> \u202Eevil';

describe('r9s-playground run --out results.html', () => {
  it('writes the report with every output, escaped, and never the key', async () => {
    const server = await startFakeServer({ apiKey: SECRET });
    const ws = createWorkspace();
    cleanups.push(() => server.close(), ws.cleanup);
    ws.write(
      'team.preset.json',
      presetFile([
        { name: 'Short', params: { model: 'fake-model', max_tokens: 3, temperature: 0 } },
        { name: 'Plain', params: { model: 'fake-model', max_tokens: 5, stream: false } },
      ]),
    );
    ws.write('cases.csv', 'word\nhello\nworld\n');
    // The first request (case 1 × Short, concurrency 1 keeps the order) answers with markup and a bidi override.
    server.enqueue({
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: 'x',
        object: 'text_completion',
        model: 'fake-model',
        choices: [{ index: 0, text: HOSTILE, finish_reason: 'stop' }],
        usage: { prompt_tokens: 2, completion_tokens: 9, total_tokens: 11 },
      }),
    });
    const run = await runCli(
      [
        'run',
        'team.preset.json',
        '--cases',
        'cases.csv',
        '--prompt',
        'Say {{word}}.',
        '--concurrency',
        '1',
        '--out',
        'results.html',
      ],
      { cwd: ws.dir, env: { R9S_BASE_URL: server.url, R9S_API_KEY: SECRET } },
    );
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(ws.dir, 'results.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>r9s Playground results</title>');
    // No script, no network: the policy forbids all but inline style.
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('⟨U+202E⟩evil');
    expect(html).not.toContain('\u202E');
    for (const [prompt, max] of [
      ['Say hello.', 5],
      ['Say world.', 3],
      ['Say world.', 5],
    ] as const) {
      expect(html).toContain(escapeHtml(fakeText(prompt, 0, max)));
    }
    // Each setup's parameters and the exact request bodies.
    expect(html).toContain('<h3>Short</h3>');
    expect(html).toContain('&quot;prompt&quot;: &quot;Say world.&quot;');
    expect(html).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(server.requests.filter((r) => r.path === '/v1/completions')).toHaveLength(4);
  });
});
