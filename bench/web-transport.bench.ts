/**
 * 100k tokens through web mode's HTTP transport against a raw `fetch` read of the provider stream.
 * An in-process provider streams TOKENS tokens; the baseline reads its bytes directly with fetch, the measured path
 * is web mode (engine → SSE over /api/run → the renderer's http bridge in Node, the page's own code). Two provider
 * speeds: paced (BENCH_RATE tokens/s, the realistic case: can the transport keep up?) and unpaced (writes as fast as
 * the socket takes: the raw cost of parsing, re-encoding and re-parsing every token).
 * Web mode runs as its own process (`node out/main/web.js`, like the browser and web mode in real use) when built,
 * else in this process. Run: `npx tsx bench/web-transport.bench.ts` (BENCH_TOKENS, BENCH_RATE, BENCH_REPEAT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHttpBridge } from '../renderer/bridge/http-bridge';
import { startWebMode } from '../main/web/start-web';
import type { RunEvent } from '../shared/run-events';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 100_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 50_000);
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 3);
const WEB_ENTRY = resolve(import.meta.dirname, '../out/main/web.js');

const event = (text: string, finish: string | null, usage = '') =>
  `data: {"id":"cmpl-b","object":"text_completion","created":1,"model":"bench","choices":[{"text":"${text}","index":0,"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]${usage}}\n\n`;

/** The whole provider stream, built once: TOKENS events, a finish event with usage, [DONE]. */
const EVENTS = Array.from({ length: TOKENS }, (_, i) => event(` t${i % 100}`, null));
const TAIL =
  event(
    '',
    'length',
    `,"usage":{"prompt_tokens":1,"completion_tokens":${TOKENS},"total_tokens":${TOKENS + 1}}`,
  ) + 'data: [DONE]\n\n';
const EXPECTED_CHARS = EVENTS.reduce((n, _e, i) => n + ` t${i % 100}`.length, 0);

/** Writes the stream paced at RATE tokens/s (catching up on each tick), or as fast as the socket drains. */
const stream = (res: ServerResponse, paced: boolean) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  let sent = 0;
  const start = performance.now();
  const pump = () => {
    if (res.destroyed) return;
    const due = paced ? Math.min(TOKENS, Math.floor(((performance.now() - start) / 1000) * RATE)) : TOKENS;
    let isFull = false;
    while (sent < due && !isFull) {
      const end = Math.min(due, sent + 400);
      isFull = !res.write(EVENTS.slice(sent, end).join(''));
      sent = end;
    }
    if (sent === TOKENS) return void res.end(TAIL);
    if (isFull) res.once('drain', pump);
    else setTimeout(pump, 1);
  };
  pump();
};

const startProvider = async (): Promise<{ url: string; server: Server; paced: { value: boolean } }> => {
  const paced = { value: true };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => stream(res, paced.value));
  });
  server.on('connection', (s) => s.setNoDelay(true));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, paced };
};

/** Baseline: fetch the provider stream and read every byte, nothing else. */
const rawRead = async (providerUrl: string): Promise<number> => {
  const t0 = performance.now();
  const res = await fetch(`${providerUrl}/v1/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'bench', prompt: 'x', stream: true }),
  });
  const reader = res.body!.getReader();
  for (;;) if ((await reader.read()).done) break;
  return performance.now() - t0;
};

/** Measured path: one run through web mode, read by the http bridge until its terminal event. */
const webRun = async (api: ReturnType<typeof createHttpBridge>): Promise<number> => {
  const runId = `bench_${Math.random().toString(36).slice(2, 12)}`;
  let chars = 0;
  const t0 = performance.now();
  const ended = new Promise<RunEvent>((resolveEnd) => {
    const off = api.onRunEvent((e) => {
      if (e.runId !== runId) return;
      if (e.type === 'delta') chars += e.text.length;
      if (e.type === 'done' || e.type === 'error' || e.type === 'cancelled') {
        off();
        resolveEnd(e);
      }
    });
  });
  const started = await api.startRun({
    runId,
    profileId: 'r9s',
    params: { model: 'bench', prompt: 'x', stream: true },
  });
  if (!started.ok) throw new Error(started.error.message);
  const end = await ended;
  const ms = performance.now() - t0;
  if (end.type !== 'done' || chars !== EXPECTED_CHARS)
    throw new Error(`run ended ${end.type} with ${chars} chars`);
  return ms;
};

/** Starts web mode against the provider: its own process when built, else in this one. */
const startWeb = async (providerUrl: string, home: string) => {
  if (existsSync(WEB_ENTRY) && process.env['BENCH_IN_PROCESS'] !== '1') {
    const child: ChildProcess = spawn(process.execPath, [WEB_ENTRY], {
      env: { ...process.env, R9S_PLAYGROUND_HOME: home, R9S_BASE_URL: providerUrl, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((ok) =>
      child.stdout!.once('data', (c: Buffer) => ok(c.toString().trim())),
    );
    const url = new URL(line.replace('r9s Playground web: ', ''));
    return {
      mode: 'separate process',
      origin: url.origin,
      token: url.searchParams.get('token') ?? '',
      stop: () =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    };
  }
  const staticDir = mkdtempSync(join(tmpdir(), 'r9s-bench-static-'));
  const web = await startWebMode({ port: 0, dataDir: home, baseUrl: providerUrl, verbose: false }, staticDir);
  const url = new URL(web.line.replace('r9s Playground web: ', ''));
  return {
    mode: 'in process',
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    stop: () => web.stop(),
  };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const main = async () => {
  const provider = await startProvider();
  const home = mkdtempSync(join(tmpdir(), 'r9s-bench-home-'));
  const web = await startWeb(provider.url, home);
  const api = createHttpBridge({ origin: web.origin, token: web.token });
  console.log(`web transport: ${TOKENS} tokens, web mode in ${web.mode}, median of ${REPEAT}`);
  const rows = [];
  for (const paced of [true, false]) {
    provider.paced.value = paced;
    await rawRead(provider.url); // warm-up of both paths, not measured
    await webRun(api);
    const raw: number[] = [];
    const viaWeb: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      raw.push(await rawRead(provider.url));
      viaWeb.push(await webRun(api));
    }
    const r = median(raw);
    const w = median(viaWeb);
    rows.push({
      provider: paced ? `paced ${RATE} tok/s` : 'unpaced',
      'raw fetch ms': r.toFixed(1),
      'web mode ms': w.toFixed(1),
      ratio: `${(w / r).toFixed(3)}×`,
      goal: paced ? '≤ 1.05×' : '(cost of parse + re-encode + re-parse)',
    });
  }
  console.table(rows);
  await web.stop();
  provider.server.close();
  rmSync(home, { recursive: true, force: true });
};

await main();
