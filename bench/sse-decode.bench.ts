/**
 * SSE decode throughput: one ~50 MB completions stream (llama.cpp-shaped chunks), bytes → text deltas, decoded by
 * our createSseDecoder + JSON.parse, by openai-node 7.55's Stream.fromSSEResponse, and by a bare split-on-"\n\n" +
 * JSON.parse loop. Every decoder reads the same chunks from a ReadableStream, as a fetch body would deliver them.
 * Run: `npx tsx bench/sse-decode.bench.ts` (BENCH_MB and BENCH_RUNS override size and repetitions).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Stream } from 'openai/core/streaming';
import { createSseDecoder } from '../main/core/provider/sse-decoder';

// A full GC before every timed run, so one decoder's garbage is not billed to the next (no --expose-gc needed).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const TARGET_MB = Number(process.env['BENCH_MB'] ?? 50);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const WORDS = [
  ' the',
  ' model',
  ' said',
  ' café',
  ' 東京',
  ' tokens',
  ' stream',
  '.',
  ' and',
  ' 🙂',
  ' of',
  ' data',
];

interface Chunk {
  choices: { text: string; index: number }[];
}

/** A stream shaped like the llama.cpp recording: one `data:` event per token, usage on the last, then [DONE]. */
const makeStream = (): { bytes: Uint8Array; events: number; chars: number } => {
  const parts: string[] = [];
  let size = 0;
  let events = 0;
  let chars = 0;
  const target = TARGET_MB * 1024 * 1024;
  while (size < target) {
    const text = WORDS[events % WORDS.length] ?? ' x';
    const event = `data: ${JSON.stringify({
      choices: [{ text, index: 0, logprobs: null, finish_reason: null }],
      created: 1795594439,
      model: 'tiny-random-llama',
      system_fingerprint: 'b4748-c392e5094',
      object: 'text_completion',
      id: 'chatcmpl-spakrlXXksH2BcljZPX6Qj7cl3erpYMe',
    })}\n\n`;
    parts.push(event);
    size += Buffer.byteLength(event);
    chars += text.length;
    events++;
  }
  parts.push('data: [DONE]\n\n');
  return { bytes: new TextEncoder().encode(parts.join('')), events, chars };
};

const splitFixed = (bytes: Uint8Array, size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
};

const splitEvents = (bytes: Uint8Array): Uint8Array[] => {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) {
      out.push(bytes.subarray(start, i + 2));
      start = i + 2;
      i++;
    }
  }
  return out;
};

const streamOf = (chunks: Uint8Array[]): ReadableStream<Uint8Array> => {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
};

type Decoder = (chunks: Uint8Array[]) => Promise<number>;

const ours: Decoder = async (chunks) => {
  let chars = 0;
  const decoder = createSseDecoder((data) => {
    if (data === '[DONE]') return;
    const choices = (JSON.parse(data) as Chunk).choices;
    for (let i = 0; i < choices.length; i++) chars += choices[i]?.text.length ?? 0;
  });
  const reader = streamOf(chunks).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    decoder.push(value);
  }
  decoder.end();
  return chars;
};

const openaiNode: Decoder = async (chunks) => {
  let chars = 0;
  const response = new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } });
  for await (const chunk of Stream.fromSSEResponse<Chunk>(response, new AbortController())) {
    for (const c of chunk.choices) chars += c.text.length;
  }
  return chars;
};

const bare: Decoder = async (chunks) => {
  let chars = 0;
  const text = new TextDecoder();
  let buffer = '';
  const reader = streamOf(chunks).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += text.decode(value, { stream: true });
    let start = 0;
    let end: number;
    while ((end = buffer.indexOf('\n\n', start)) !== -1) {
      const data = buffer.slice(start + 6, end);
      start = end + 2;
      if (data === '[DONE]') continue;
      const choices = (JSON.parse(data) as Chunk).choices;
      for (let i = 0; i < choices.length; i++) chars += choices[i]?.text.length ?? 0;
    }
    buffer = buffer.slice(start);
  }
  return chars;
};

/** Fastest of RUNS per decoder; runs are interleaved so background load hits every decoder alike. */
const measure = async (
  decoders: Decoder[],
  chunks: Uint8Array[],
  expected: number,
  mb: number,
): Promise<number[]> => {
  const fastest = decoders.map(() => Infinity);
  for (let r = 0; r < RUNS; r++) {
    for (const [i, decode] of decoders.entries()) {
      collectGarbage();
      const t0 = performance.now();
      const chars = await decode(chunks);
      const ms = performance.now() - t0;
      if (chars !== expected)
        throw new Error(`decoder ${i} produced ${chars} characters, expected ${expected}`);
      fastest[i] = Math.min(fastest[i] ?? Infinity, ms);
    }
  }
  return fastest.map((ms) => mb / (ms / 1000));
};

const main = async () => {
  const { bytes, events, chars } = makeStream();
  const mb = bytes.length / (1024 * 1024);
  console.log(`stream: ${mb.toFixed(1)} MB, ${events} events, best of ${RUNS} runs, Node ${process.version}`);
  const cases: [string, Uint8Array[]][] = [
    ['1 KB chunks', splitFixed(bytes, 1024)],
    ['16 KB chunks', splitFixed(bytes, 16 * 1024)],
    ['64 KB chunks', splitFixed(bytes, 64 * 1024)],
    ['one event per chunk', splitEvents(bytes)],
  ];
  // Warm every decoder up on the first ~2 MB (whole events) so JIT tiers settle before timing.
  const warm = splitEvents(bytes.subarray(0, 2 * 1024 * 1024));
  for (const d of [ours, openaiNode, bare]) await d(warm);
  const rows = [];
  for (const [name, chunks] of cases) {
    const [o = 0, n = 0, b = 0] = await measure([ours, openaiNode, bare], chunks, chars, mb);
    rows.push({
      chunking: name,
      'ours MB/s': o.toFixed(0),
      'openai-node MB/s': n.toFixed(0),
      'bare loop MB/s': b.toFixed(0),
      'ours ÷ openai-node': `${(o / n).toFixed(2)}×`,
      'ours ÷ bare': `${((o / b) * 100).toFixed(0)}%`,
    });
  }
  console.table(rows);
  console.log('goals: ours ≥ 4× openai-node at 1–64 KB chunks; ours within 10% of the bare loop (≥ 90%).');
};

await main();
