/**
 * Local model speed: tokens/s of a run through the app's local engine (model worker thread, stop matching, events)
 * against node-llama-cpp's own bare generation loop (evaluate + detokenize, in this thread) on the same model and
 * settings, in the same run; then what sampling settings and thread counts cost, measured on the bare loop; and
 * llama.cpp's server when LLAMA_SERVER_URL is set (printed for reference).
 * Run: `npx tsx bench/local-model.bench.ts`. LOCAL_MODEL_PATH benches a GGUF of your own (default: the tiny
 * random-weight test model, written to a temp dir); BENCH_TOKENS, BENCH_THREADS and BENCH_REPEATS override the rest.
 */
import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { systemClock } from '../main/core/provider';
import { createSourceEngine } from '../tests/support/gguf/local-engine-support';
import { createTinyModelFile } from '../tests/support/gguf/tiny-llama';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 256);
const THREADS = Number(process.env['BENCH_THREADS'] ?? 1);
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 5);
const CONTEXT = 1024;
const PROMPT = 'Once upon a time, in a quiet village by the sea,';
const SEED = 7;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (x: number) => x.toFixed(1);

interface BareOptions {
  topK: number;
  topP: number;
  probabilities?: boolean;
}

/** node-llama-cpp's own loop: tokens/s from the first generated token to the last, as the engine's metric. */
const bareRun = async (model: LlamaModel, seq: LlamaContextSequence, o: BareOptions): Promise<number> => {
  await seq.clearHistory();
  const prompt = model.tokenize(PROMPT);
  const out: Token[] = [];
  let first = 0;
  let text = '';
  const steps = seq.evaluateWithMetadata(
    prompt,
    { probabilities: o.probabilities ?? false },
    { temperature: 1, topK: o.topK, topP: o.topP, seed: SEED },
  );
  for await (const step of steps) {
    if (out.length === 0) first = performance.now();
    out.push(step.token);
    text += model.detokenize([step.token], false, out.slice(-2, -1));
    if (out.length >= TOKENS) break;
  }
  if (text.length === 0) throw new Error('bare loop produced no text');
  return (out.length - 1) / ((performance.now() - first) / 1000);
};

/** One run through the app's local engine; its own tokens/s metric (same definition as above). */
const engineRun = async (engine: ReturnType<typeof createSourceEngine>, path: string, extraBody = {}) => {
  const end = await engine.runCompletion({
    runId: 'bench',
    model: { path, contextSize: CONTEXT, threads: THREADS },
    params: { model: '', prompt: PROMPT, stream: true, max_tokens: TOKENS, temperature: 1, seed: SEED },
    extraBody,
    signal: new AbortController().signal,
    emit: () => {},
    clock: systemClock,
  });
  if (end.type !== 'done') throw new Error(`engine run ended ${end.type}: ${JSON.stringify(end)}`);
  const usage = end.usage?.completion_tokens ?? 0;
  const ttft = end.metrics.ttftMs ?? 0;
  // Same as the bare loop: (tokens - 1) over the time from the first token to the last.
  return (usage - 1) / ((end.metrics.durationMs - ttft) / 1000);
};

const serverRun = async (url: string): Promise<string> => {
  const res = await fetch(`${url.replace(/\/+$/, '')}/v1/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: PROMPT, max_tokens: TOKENS, temperature: 1, seed: SEED, stream: false }),
  });
  const body = (await res.json()) as { timings?: { predicted_per_second?: number } };
  const rate = body.timings?.predicted_per_second;
  return rate === undefined ? `no timings in the answer (HTTP ${res.status})` : `${fmt(rate)} tokens/s`;
};

const main = async () => {
  const own = process.env['LOCAL_MODEL_PATH'];
  const tiny = own ? undefined : await createTinyModelFile();
  const path = own ?? tiny!.path;
  const { getLlama } = await import('node-llama-cpp');
  const llama = await getLlama({ build: 'never', gpu: false });
  const model = await llama.loadModel({ modelPath: path });
  const contexts = new Map<number, LlamaContextSequence>();
  const sequence = async (threads: number) => {
    let seq = contexts.get(threads);
    if (!seq) {
      seq = (await model.createContext({ contextSize: CONTEXT, threads, sequences: 1 })).getSequence();
      contexts.set(threads, seq);
    }
    return seq;
  };
  const engine = createSourceEngine();
  try {
    const loaded = await engine.load({ path, contextSize: CONTEXT, threads: THREADS });
    if (!loaded.ok) throw new Error(loaded.error.message);
    console.log(
      `${own ? path : 'tiny test model (2 layers, 64 wide, GPT-2 vocabulary)'}: ${TOKENS} tokens per run, ` +
        `${THREADS} thread(s), temperature 1, top_k 40, top_p 1, median of ${REPEATS}; Node ${process.version}, ` +
        `${llama.cpuMathCores} CPU math cores`,
    );
    const seq = await sequence(THREADS);
    await bareRun(model, seq, { topK: 40, topP: 1 }); // warm-up of both paths
    await engineRun(engine, path);
    const bare: number[] = [];
    const app: number[] = [];
    // Process CPU (every thread) per generated token: steadier than tokens/s on a machine shared with other work.
    const cpu = { bare: 0, app: 0 };
    const timed = async (key: 'bare' | 'app', run: () => Promise<number>) => {
      const before = process.cpuUsage();
      const rate = await run();
      const used = process.cpuUsage(before);
      cpu[key] += (used.user + used.system) / 1000 / TOKENS;
      return rate;
    };
    for (let i = 0; i < REPEATS; i++) {
      bare.push(await timed('bare', () => bareRun(model, seq, { topK: 40, topP: 1 })));
      app.push(await timed('app', () => engineRun(engine, path)));
    }
    const ratio = median(app) / median(bare);
    console.table([
      {
        path: 'node-llama-cpp bare loop (this thread)',
        'tokens/s': fmt(median(bare)),
        'CPU ms/token': (cpu.bare / REPEATS).toFixed(3),
      },
      {
        path: 'app local engine (worker, events)',
        'tokens/s': fmt(median(app)),
        'CPU ms/token': (cpu.app / REPEATS).toFixed(3),
      },
    ]);
    console.log(
      `engine / bare = ${ratio.toFixed(2)}× (goal ≥ 0.9×); CPU per token ${(cpu.app / cpu.bare).toFixed(2)}×`,
    );

    console.log('\nWhat sampling and threads cost (bare loop):');
    const rows = [];
    const variants: [string, number, BareOptions][] = [
      ['top_k 40 (app default, llama.cpp server default)', THREADS, { topK: 40, topP: 1 }],
      ['full vocabulary (top_k 0), top_p 1', THREADS, { topK: 0, topP: 1 }],
      ['full vocabulary (top_k 0), top_p 0.95', THREADS, { topK: 0, topP: 0.95 }],
      ['full vocabulary + probabilities (logprobs)', THREADS, { topK: 0, topP: 1, probabilities: true }],
      ['top_k 40 + probabilities (logprobs)', THREADS, { topK: 40, topP: 1, probabilities: true }],
      ['top_k 40, 2 threads', 2, { topK: 40, topP: 1 }],
      ['full vocabulary, 2 threads', 2, { topK: 0, topP: 1 }],
    ];
    for (const [label, threads, options] of variants) {
      const s = await sequence(threads);
      const rates = [];
      for (let i = 0; i < Math.max(3, Math.ceil(REPEATS / 2)); i++)
        rates.push(await bareRun(model, s, options));
      rows.push({ settings: label, 'tokens/s': fmt(median(rates)) });
    }
    console.table(rows);
    const server = process.env['LLAMA_SERVER_URL'];
    console.log(`llama.cpp server: ${server ? await serverRun(server) : 'LLAMA_SERVER_URL not set'}`);
  } finally {
    await engine.dispose();
    await model.dispose();
    await tiny?.remove();
  }
};

await main();
