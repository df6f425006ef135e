/**
 * History at scale: with 10,000 runs (prompts ~1–2 kB, outputs ~2 kB) measure
 *   - recording a run: the synchronous part of start + progress + finish, which blocks the service (goal ≤ 5 ms),
 *   - opening: createHistoryStore + the first list (goal ≤ 100 ms),
 *   - searching over prompt, model and preset name (goal ≤ 100 ms),
 * and the electron-store-like baseline in the same run: conf `set` of the whole 10,000-run array (what a naive
 * electron-store history would do on every run) and conf open + get.
 * Run: npx tsx bench/history.bench.ts   (RUNS=2000 for a quicker look)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { createHistoryStore, logFileBytes } from '../main/core/history';
import type { HistoryEnd } from '../main/core/ports';
import type { HistoryEntry } from '../shared/api';

const RUNS = Number(process.env.RUNS ?? 10_000);
const MEASURED = 500;

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const WORDS =
  'the of and to in is you that it he was for on are as with his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know'.split(
    ' ',
  );
const text = (chars: number) => {
  let s = '';
  while (s.length < chars) s += WORDS[Math.floor(rand() * WORDS.length)]! + (rand() < 0.08 ? '.\n' : ' ');
  return s;
};
const MODELS = ['gpt-4o-mini', 'llama-3.1-8b-instruct', 'qwen2.5-7b', 'mistral-7b-instruct'];
const PRESETS = [undefined, 'Creative', 'Precise', 'Haiku master', 'Summariser'];

const makeRun = (i: number): { entry: HistoryEntry; end: HistoryEnd } => {
  const prompt = `${i % 997 === 0 ? 'zebra-needle ' : ''}${text(1000 + Math.floor(rand() * 1000))}`;
  const model = MODELS[i % MODELS.length]!;
  const params = { model, prompt, stream: true, temperature: 0.7, max_tokens: 512 };
  const output = text(2000);
  const presetName = PRESETS[i % PRESETS.length];
  return {
    entry: {
      id: `bench-run-${String(i).padStart(7, '0')}`,
      startedAt: 1_700_000_000_000 + i * 1000,
      status: 'running',
      model,
      profileName: 'r9s',
      ...(presetName ? { presetName } : {}),
      promptPreview: '',
      outputPreview: '',
      starred: i % 50 === 0,
      params,
      profileId: 'default',
      request: {
        url: 'https://api.r9s.ai/v1/completions',
        method: 'POST',
        headers: { authorization: 'Bearer [redacted]', 'content-type': 'application/json' },
        body: { ...params },
      },
      outputs: [],
    },
    end: {
      status: 'done',
      outputs: [output],
      choices: [{ index: 0, finishReason: 'stop' }],
      usage: { prompt_tokens: 400, completion_tokens: 500, total_tokens: 900 },
      metrics: { ttftMs: 180, durationMs: 4200, tokensPerSecond: 120, attempts: 1 },
      durationMs: 4200,
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'text/event-stream' },
        raw: '{"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":"","finish_reason":"stop"}]}',
      },
    },
  };
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (v: number) => `${v.toFixed(v < 10 ? 3 : 1)} ms`;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};

const dir = mkdtempSync(join(tmpdir(), 'history-bench-'));
try {
  console.log(`history bench: ${RUNS} runs, prompts 1–2 kB, outputs 2 kB, in ${dir}`);
  // Timings on a shared machine scale with its load; print it so figures can be read in context.
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  // Runs are generated as they are recorded, so the bench's own heap stays as small as the app's.

  // Fill the history through the store itself (the same path the service uses).
  const [filler, fillMs] = time(() => createHistoryStore({ dir, maxRuns: RUNS }));
  for (let i = 0; i < RUNS; i++) {
    const { entry, end } = makeRun(i);
    filler.start(entry);
    filler.finish(entry.id, end);
    if (i % 500 === 499) await filler.flush();
  }
  await filler.close();
  console.log(
    `filled in the background (open ${ms(fillMs)}); index log ${(logFileBytes(dir) / 1e6).toFixed(1)} MB`,
  );

  // 1. Recording a run with 10,000 in history: the synchronous part the service waits for.
  const store = createHistoryStore({ dir, maxRuns: RUNS });
  const record: number[] = [];
  for (let i = RUNS; i < RUNS + MEASURED; i++) {
    const { entry, end } = makeRun(i);
    const t = performance.now();
    store.start(entry);
    store.progress(entry.id, [end.outputs[0]!.slice(0, 1000)]);
    store.finish(entry.id, end);
    record.push(performance.now() - t);
    if (i % 50 === 0) await store.flush();
  }
  await store.close();

  // 2. Opening: createHistoryStore + the first page, fresh each time.
  const opens: number[] = [];
  const openOnly: number[] = [];
  for (let k = 0; k < 5; k++) {
    const [opened, tOpen] = time(() => createHistoryStore({ dir, maxRuns: RUNS }));
    const [, tList] = time(() => opened.list({ offset: 0, limit: 200 }));
    opens.push(tOpen + tList);
    openOnly.push(tOpen);
    await opened.close();
  }

  // 3. Searching: the first search right after open, then warm searches (each streams the prompt file).
  const searched = createHistoryStore({ dir, maxRuns: RUNS });
  const [firstHits, firstSearch] = time(() =>
    searched.list({ search: 'zebra-needle', offset: 0, limit: 200 }),
  );
  const warm: number[] = [];
  const queries = ['zebra-needle', 'Haiku', 'llama', 'water long little', 'THE', 'no such phrase anywhere'];
  for (let k = 0; k < 5; k++)
    for (const q of queries) warm.push(time(() => searched.list({ search: q, offset: 0, limit: 200 }))[1]);
  const [, getMs] = time(() => searched.get(`bench-run-${String(RUNS + 10).padStart(7, '0')}`));
  await searched.close();

  // Baseline: an electron-store-like history (conf) rewrites the whole array on every run.
  const confDir = join(dir, 'conf');
  const entries = Array.from({ length: RUNS }, (_, i) => makeRun(i)).map((r) => ({ ...r.entry, ...r.end }));
  const conf = new Conf<{ runs: unknown[] }>({ cwd: confDir, configName: 'history', projectName: 'bench' });
  const confSets: number[] = [];
  for (let k = 0; k < 3; k++) {
    const next = makeRun(RUNS + k);
    entries.push({ ...next.entry, ...next.end });
    entries.shift();
    confSets.push(time(() => conf.set('runs', entries))[1]);
  }
  const [, confOpen] = time(() =>
    (
      new Conf<{ runs: unknown[] }>({ cwd: confDir, configName: 'history', projectName: 'bench' }).get(
        'runs',
      ) ?? []
    ).slice(0, 200),
  );

  const p50 = pct(record, 50);
  console.log('\nrecording a run (start + progress + finish, synchronous part), goal ≤ 5 ms');
  console.log(
    `  ours:     p50 ${ms(p50)}  p99 ${ms(pct(record, 99))}  max ${ms(Math.max(...record))}  (${MEASURED} runs)`,
  );
  console.log(
    `  conf set: p50 ${ms(pct(confSets, 50))}  max ${ms(Math.max(...confSets))}  (whole 10,000-run file each time)`,
  );
  console.log(`  ratio:    conf / ours (p50) = ${(pct(confSets, 50) / p50).toFixed(0)}×`);
  console.log('\nopening history (createHistoryStore + first page of 200), goal ≤ 100 ms');
  console.log(`  ours:     first ${ms(opens[0]!)}  p50 ${ms(pct(opens, 50))}  max ${ms(Math.max(...opens))}`);
  console.log(
    `            (of which createHistoryStore p50 ${ms(pct(openOnly, 50))}; the rest reads 200 previews)`,
  );
  console.log(
    `  conf:     open + get ${ms(confOpen)}   ratio conf / ours (p50) = ${(confOpen / pct(opens, 50)).toFixed(1)}×`,
  );
  console.log('\nsearching prompt, model and preset name (10,000 runs), goal ≤ 100 ms');
  console.log(`  first search right after open: ${ms(firstSearch)} (${firstHits.total} hits)`);
  console.log(
    `  warm:     p50 ${ms(pct(warm, 50))}  max ${ms(Math.max(...warm))}  (${warm.length} searches)`,
  );
  console.log(`  reading one full entry: ${ms(getMs)}`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
