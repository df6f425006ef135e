/**
 * The command-line runner end to end: a child process against the fake server, asserting from the server's request
 * log what was sent, and from the files what was written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDelimited, restoreFormula } from '../../shared/cases/csv';
import { parseResultsJsonl, resultsToCsv } from '../../shared/grid/exports';
import type { ResultLine } from '../../shared/grid/result-line';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { createWorkspace, presetFile, runCli, SECRET } from './cli-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = async () => {
  const server = await startFakeServer({ apiKey: SECRET });
  const ws = createWorkspace();
  cleanups.push(() => server.close(), ws.cleanup);
  const env = { R9S_BASE_URL: server.url, R9S_API_KEY: SECRET };
  return { server, ws, env };
};

const completions = (server: FakeServer) =>
  server.requests.filter((r) => r.path === '/v1/completions').map((r) => r.body as Record<string, unknown>);

const lines = (path: string): ResultLine[] => {
  const parsed = parseResultsJsonl(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

const twoPresets = presetFile([
  { name: 'Short', params: { model: 'fake-model', max_tokens: 3, temperature: 0 } },
  { name: 'Long', params: { model: 'fake-model', max_tokens: 6, temperature: 1, stream: false } },
]);
const casesCsv = 'word,expected\r\nhello,x\r\n"=HYPERLINK(""http://evil"")",\r\n"two\nlines",y\r\n';

describe('r9s-playground run', () => {
  it('runs every case × preset once with the prompts filled, and exits 0', async () => {
    const { server, ws, env } = await setup();
    ws.write('team.preset.json', twoPresets);
    ws.write('cases.csv', casesCsv);
    const run = await runCli(
      ['run', 'team.preset.json', '--cases', 'cases.csv', '--prompt', 'Say {{ word }}.', '--out', 'r.jsonl'],
      { cwd: ws.dir, env },
    );
    expect(run.code, run.stderr).toBe(0);
    const sent = completions(server);
    expect(sent).toHaveLength(6);
    const seen = sent.map((b) => `${String(b['prompt'])}@${String(b['max_tokens'])}`).sort();
    const words = ['hello', '=HYPERLINK("http://evil")', 'two\nlines'];
    expect(seen).toEqual(words.flatMap((w) => [`Say ${w}.@3`, `Say ${w}.@6`]).sort());
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    const written = lines(join(ws.dir, 'r.jsonl'));
    expect(written.map((l) => l.key)).toEqual([
      'case-1|team.preset.json%231|0',
      'case-1|team.preset.json%232|0',
      'case-2|team.preset.json%231|0',
      'case-2|team.preset.json%232|0',
      'case-3|team.preset.json%231|0',
      'case-3|team.preset.json%232|0',
    ]);
    expect(written[1]).toMatchObject({
      status: 'succeeded',
      model: 'fake-model',
      output: fakeText('Say hello.', 0, 6),
      finish_reason: 'length',
      request: { model: 'fake-model', prompt: 'Say hello.', max_tokens: 6, temperature: 1, stream: false },
      column: { label: 'Long', params: { prompt: 'Say {{ word }}.' } },
      case: { id: 'case-1', values: { word: 'hello' }, expected: 'x' },
      usage: { completion_tokens: 6 },
    });
    expect(run.stderr).toMatch(/6 cells — 3 cases × 2 presets/);
    expect(run.stderr).toMatch(/progress: 6\/6 done · 0 left/);
    expect(run.stdout).toBe('');
  });

  it('exits 1 when some cells fail, keeps the failures in the results and lists them', async () => {
    const { server, ws, env } = await setup();
    ws.write(
      'mixed.preset.json',
      presetFile([
        { name: 'Good', params: { model: 'fake-model', max_tokens: 2 } },
        { name: 'Broken', params: { model: 'fake-status-500', max_tokens: 2 } },
      ]),
    );
    const run = await runCli(['run', 'mixed.preset.json', '--prompt', 'hi', '--out', 'r.jsonl', '--json'], {
      cwd: ws.dir,
      env,
    });
    expect(run.code).toBe(1);
    expect(completions(server)).toHaveLength(2);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: false, exit_code: 1, total: 2, done: 1, failed: 1, remaining: 0 });
    expect(summary['failures']).toEqual([
      { key: 'case-1|mixed.preset.json%232|0', message: 'Unsupported param: best_of' },
    ]);
    expect(run.stderr).toContain('failed: case-1 × Broken: Unsupported param: best_of');
    const written = lines(join(ws.dir, 'r.jsonl'));
    expect(written[1]).toMatchObject({ status: 'failed', error: { kind: 'server_error', status: 500 } });
  });

  it.each([
    [['run', 'p.preset.json', '--prompt', 'x'], { R9S_BASE_URL: '' }, /no server: pass --base-url/],
    [
      ['run', 'p.preset.json', '--prompt', 'x', '--base-url', 'ftp://x'],
      {},
      /--base-url "ftp:\/\/x": not an http/,
    ],
    [['run', 'bad.preset.json', '--prompt', 'x'], {}, /bad\.preset\.json: presets\.0\.params\.temperature:/],
    [
      ['run', 'p.preset.json'],
      {},
      /p\.preset\.json: presets\.0\.params\.prompt: the preset does not include/,
    ],
    [['run', 'p.preset.json', '--prompt', '{{topic}}'], {}, /the prompt uses \{\{topic\}\}; pass --cases/],
    [
      ['run', 'p.preset.json', '--prompt', '{{topic}}', '--cases', 'c.csv'],
      {},
      /c\.csv: no column for the variable "topic"/,
    ],
    [
      ['run', 'p.preset.json', '--prompt', '{{word}}', '--cases', 'broken.csv'],
      {},
      /broken\.csv: line 3: 1 field/,
    ],
    [
      ['run', 'p.preset.json', '--prompt', 'x', '--out', 'report.txt'],
      {},
      /ending in \.jsonl, \.csv, \.md or \.html/,
    ],
    [['run', 'p.preset.json', '--prompt', 'x', '--api-key', 'sk-1'], {}, /read only from the R9S_API_KEY/],
    [['run', 'p.preset.json', '--prompt', 'x', '--shard', '4/3'], {}, /--shard "4\/3": expected i\/n/],
    [
      ['run', 'p.preset.json', '--prompt', 'x', '--concurrency', '0'],
      {},
      /--concurrency: expected a whole number/,
    ],
    [['run', 'missing.preset.json', '--prompt', 'x'], {}, /missing\.preset\.json: no such file/],
    [['run', 'p.preset.json', '--prompt', 'x', '--bogus'], {}, /unknown option "--bogus"/],
  ])('exits 2 on bad input before sending anything: %j', async (args, extraEnv, message) => {
    const { server, ws, env } = await setup();
    ws.write('p.preset.json', presetFile([{ name: 'P', params: { model: 'fake-model' } }]));
    ws.write('bad.preset.json', presetFile([{ name: 'P', params: { model: 'm', temperature: 9 } }]));
    ws.write('c.csv', 'word\nx\n');
    ws.write('broken.csv', 'word,expected\na,b\nc\n');
    const run = await runCli(args, { cwd: ws.dir, env: { ...env, ...extraEnv } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('names the file and field in --json output on bad input', async () => {
    const { ws, env } = await setup();
    ws.write('bad.preset.json', presetFile([{ name: 'P', params: { model: 'm', temperature: 9 } }]));
    const run = await runCli(['run', 'bad.preset.json', '--prompt', 'x', '--json'], { cwd: ws.dir, env });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      exit_code: 2,
      error: { file: 'bad.preset.json', field: 'presets.0.params.temperature' },
    });
  });

  it('runs every preset of a folder and prints a Markdown table when there is no --out', async () => {
    const { server, ws, env } = await setup();
    ws.write('a.preset.json', presetFile([{ name: 'A', params: { model: 'fake-model', max_tokens: 2 } }]));
    ws.write(
      'b.preset.json',
      presetFile([{ name: 'B', params: { model: 'fake-model', max_tokens: 4 }, includesPrompt: true }]),
    );
    ws.write('notes.json', '{"not": "a preset"}');
    ws.write('cases.jsonl', '{"word":"one"}\n{"word":"two"}\n');
    const run = await runCli(['run', '.', '--prompt', '{{word}}!', '--cases', 'cases.jsonl'], {
      cwd: ws.dir,
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(completions(server)).toHaveLength(4);
    const table = run.stdout.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| case | word | expected | A | B |');
    expect(table[2]).toContain(fakeText('one!', 0, 4));
  });

  it('splits a grid into shards that together send every cell exactly once', async () => {
    const { server, ws, env } = await setup();
    ws.write(
      'p.preset.json',
      presetFile([
        { name: 'T0', params: { model: 'fake-model', max_tokens: 1, temperature: 0 } },
        { name: 'T1', params: { model: 'fake-model', max_tokens: 1, temperature: 1 } },
        { name: 'T2', params: { model: 'fake-model', max_tokens: 1, temperature: 2 } },
      ]),
    );
    ws.write('cases.csv', `n\n${Array.from({ length: 7 }, (_, i) => `case ${i}`).join('\n')}\n`);
    const args = ['run', 'p.preset.json', '--cases', 'cases.csv', '--prompt', '{{n}}', '--repeat', '2'];
    const runs = await Promise.all(
      [1, 2, 3].map((i) =>
        runCli([...args, '--shard', `${i}/3`, '--out', `shard-${i}.jsonl`], { cwd: ws.dir, env }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const cells = completions(server).map((b) => `${String(b['prompt'])}@t${String(b['temperature'])}`);
    expect(cells).toHaveLength(7 * 3 * 2);
    const counts = new Map<string, number>();
    for (const c of cells) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(21);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    // The shard files concatenated are the whole grid, each cell once.
    const all = [1, 2, 3].flatMap((i) => lines(join(ws.dir, `shard-${i}.jsonl`)).map((l) => l.key));
    expect(new Set(all).size).toBe(42);
    expect(all).toHaveLength(42);
  });

  it('writes --out files in the formats of the app’s exports, which parse back', async () => {
    const { ws, env } = await setup();
    ws.write('team.preset.json', twoPresets);
    ws.write('cases.csv', casesCsv);
    const base = ['run', 'team.preset.json', '--cases', 'cases.csv', '--prompt', 'Say {{word}}.'];
    for (const out of ['r.jsonl', 'r.csv', 'r.md']) {
      const run = await runCli([...base, '--out', out], { cwd: ws.dir, env });
      expect(run.code, run.stderr).toBe(0);
    }
    const jsonl = lines(join(ws.dir, 'r.jsonl'));
    expect(jsonl).toHaveLength(6);
    // The CSV equals the app's CSV export of the same lines, except the timing of this other run.
    const timing = new Set(['duration_ms', 'ttft_ms', 'tokens_per_second']);
    const table = (text: string) => {
      const parsed = parseDelimited(text, ',');
      if (!parsed.ok) throw new Error(parsed.error.message);
      const [head, ...rows] = parsed.value.map((r) => r.fields.map(restoreFormula));
      const keep = head!.map((h, i) => (timing.has(h) ? -1 : i)).filter((i) => i >= 0);
      return [head!, ...rows].map((r) => keep.map((i) => r[i]));
    };
    const csvText = readFileSync(join(ws.dir, 'r.csv'), 'utf8');
    expect(table(csvText)).toEqual(table(resultsToCsv(jsonl)));
    expect(csvText).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const md = readFileSync(join(ws.dir, 'r.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('|'));
    expect(md).toHaveLength(2 + 3);
    expect(md[0]).toBe('| case | word | expected | Short | Long |');
    expect(md[4]).toContain('two<br>lines');
  });

  it('never writes the key to a results file, stdout or stderr, even when the server echoes it', async () => {
    const { server, ws, env } = await setup();
    ws.write('p.preset.json', presetFile([{ name: 'P', params: { model: 'fake-model', max_tokens: 2 } }]));
    server.enqueue({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        error: { message: `Bad key ${SECRET} for this model`, type: 'invalid_request_error' },
      }),
    });
    const outputs = ['r.jsonl', 'r.csv', 'r.md'];
    const runs = [];
    for (const out of outputs) {
      runs.push(
        await runCli(['run', 'p.preset.json', '--prompt', SECRET, '--out', out, '--json'], {
          cwd: ws.dir,
          env,
        }),
      );
    }
    expect(runs.map((r) => r.code)).toEqual([1, 0, 0]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    for (const name of readdirSync(ws.dir))
      expect(readFileSync(join(ws.dir, name), 'utf8')).not.toContain(SECRET);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(readFileSync(join(ws.dir, 'r.jsonl'), 'utf8')).toContain('Bad key [redacted] for this model');
  });

  it('backs off the endpoint on a 429 with Retry-After, then finishes every cell', async () => {
    const { server, ws, env } = await setup();
    ws.write(
      'p.preset.json',
      presetFile([{ name: 'P', params: { model: 'fake-rate-limit-once', max_tokens: 1 } }]),
    );
    ws.write('cases.csv', 'w\na\nb\nc\n');
    const started = Date.now();
    const run = await runCli(
      ['run', 'p.preset.json', '--prompt', '{{w}}', '--cases', 'cases.csv', '--concurrency', '1'],
      {
        cwd: ws.dir,
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/rate limited: pausing every request to http:\/\/127\.0\.0\.1:\d+ for 0:01/);
    const sent = completions(server).map((b) => b['prompt']);
    expect(sent).toEqual(['a', 'a', 'b', 'c']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('records the server’s system_fingerprint and the seed', async () => {
    const { server, ws, env } = await setup();
    ws.write(
      'p.preset.json',
      presetFile([{ name: 'P', params: { model: 'fake-model', seed: 42, stream: false } }]),
    );
    server.enqueue({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: 'x',
        object: 'text_completion',
        model: 'served-7b',
        system_fingerprint: 'fp_abc123',
        choices: [{ index: 0, text: 'hello', finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    });
    const run = await runCli(['run', 'p.preset.json', '--prompt', 'p', '--out', 'r.jsonl'], {
      cwd: ws.dir,
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(lines(join(ws.dir, 'r.jsonl'))[0]).toMatchObject({
      output: 'hello',
      model: 'served-7b',
      seed: 42,
      system_fingerprint: 'fp_abc123',
      request: { seed: 42, model: 'fake-model' },
    });
  });

  it('reports distinct outputs of repeated cells', async () => {
    const { ws, env } = await setup();
    ws.write('p.preset.json', presetFile([{ name: 'P', params: { model: 'fake-model', max_tokens: 2 } }]));
    const run = await runCli(['run', 'p.preset.json', '--prompt', 'same', '--repeat', '3', '--json'], {
      cwd: ws.dir,
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { determinism: unknown; results: ResultLine[] };
    expect(summary.determinism).toEqual([
      { case_id: 'case-1', column_id: 'p.preset.json#1', runs: 3, distinct: 1 },
    ]);
    expect(summary.results.map((l) => l.repeat)).toEqual([0, 1, 2]);
    expect(run.stderr).toContain('determinism: 1 of 1 repeated cells gave a single distinct output');
  });
});
