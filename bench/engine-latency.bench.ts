/**
 * Engine latency: an in-process server writes one token every 2 ms; each token carries the performance.now() stamp
 * taken just before its write, and the engine's `delta` listener subtracts it from its own clock. The same stream
 * read by a bare fetch reader (no SSE parsing, no JSON) is the floor. Sockets have Nagle off (setNoDelay).
 * Run: `npx tsx bench/engine-latency.bench.ts` (BENCH_TOKENS overrides the count).
 */
import type { ServerResponse } from 'node:http';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUTS, runCompletion, systemClock } from '../main/core/provider';
import { startFakeServer } from '../tests/support/fake-openai-server';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 1500);
const INTERVAL_MS = 2;

/** Streams TOKENS stamped tokens, one write per token, then a finish chunk and [DONE]. */
const stampedStream = (_req: unknown, res: ServerResponse): void => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  let sent = 0;
  const event = (text: string, finish: string | null) =>
    `data: {"id":"cmpl-b","object":"text_completion","created":1,"model":"bench","choices":[{"text":"${text}","index":0,"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]}\n\n`;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (sent === TOKENS) {
      clearInterval(timer);
      res.end(event('', 'length') + 'data: [DONE]\n\n');
      return;
    }
    sent++;
    res.write(event(`${performance.now().toFixed(4)} `, null));
  }, INTERVAL_MS);
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const summarise = (name: string, samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(3);
  return {
    reader: name,
    samples: s.length,
    'p50 ms': ms(percentile(s, 50)),
    'p99 ms': ms(percentile(s, 99)),
    'max ms': ms(s.at(-1) ?? NaN),
  };
};

const engineRun = async (url: string): Promise<number[]> => {
  const samples: number[] = [];
  const end = await runCompletion({
    runId: 'bench-latency',
    target: { baseUrl: url, headers: {}, retry: DEFAULT_RETRY_POLICY, timeouts: DEFAULT_TIMEOUTS },
    params: { model: 'bench', prompt: 'x', stream: true },
    signal: new AbortController().signal,
    fetch: globalThis.fetch,
    clock: systemClock,
    emit: (e) => {
      if (e.type !== 'delta') return;
      const now = performance.now();
      // A network chunk may carry several tokens; each delta still has its own write stamp.
      for (const stamp of e.text.trim().split(' ')) samples.push(now - Number(stamp));
    },
  });
  if (end.type !== 'done') throw new Error(`engine run ended ${end.type}: ${JSON.stringify(end)}`);
  return samples;
};

/** The floor: a fetch reader that finds the stamps with a regex, no SSE parser and no JSON. */
const bareRun = async (url: string): Promise<number[]> => {
  const samples: number[] = [];
  const res = await fetch(`${url}/v1/completions`, { method: 'POST', body: '{}' });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const text = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const now = performance.now();
    for (const m of text.decode(value, { stream: true }).matchAll(/"text":"([\d.]+) "/g))
      samples.push(now - Number(m[1]));
  }
  return samples;
};

const main = async () => {
  const server = await startFakeServer();
  try {
    console.log(
      `${TOKENS} tokens, one write every ${INTERVAL_MS} ms, in-process server on 127.0.0.1, Node ${process.version}`,
    );
    server.enqueue(stampedStream);
    await bareRun(server.url); // warm-up: JIT, connection pool
    server.enqueue(stampedStream);
    const bare = await bareRun(server.url);
    server.enqueue(stampedStream);
    const engine = await engineRun(server.url);
    console.table([
      summarise('bare fetch reader (floor)', bare),
      summarise('engine (runCompletion → delta)', engine),
    ]);
    console.log('goal: engine p99 ≤ 1 ms from the server write to the delta event.');
  } finally {
    await server.close();
  }
};

await main();
