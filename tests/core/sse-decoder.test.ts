import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSseDecoder } from '../../main/core/provider';
import { collectRun, expectDone, params } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fixtures/llama-server/${name}`, import.meta.url)));

/** The recorded HTTP response: status line and headers, then the SSE body. */
const httpFixture = () => {
  const raw = fixture('stream-basic.http');
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('latin1').split('\r\n').slice(1);
  const headers = Object.fromEntries(
    head.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { headers, body: raw.subarray(split + 4) };
};

/** Everything the decoder reports, as one list: data payloads, and `error:` line values prefixed with `!`. */
const decode = (parts: Uint8Array[]): string[] => {
  const out: string[] = [];
  const decoder = createSseDecoder(
    (data, event) => out.push(event ? `${event}:${data}` : data),
    (value) => out.push(`!${value}`),
  );
  for (const p of parts) decoder.push(p);
  decoder.end();
  return out;
};

/** The text deltas a payload list yields (what the run would emit). */
const deltasOf = (payloads: string[]): string[] =>
  payloads
    .filter((d) => d !== '[DONE]')
    .map((d) => (JSON.parse(d) as { choices: { text: string }[] }).choices.map((c) => c.text).join('|'));

const BODIES: [string, () => Buffer][] = [
  ['stream-basic.http', () => httpFixture().body],
  ['stream-logprobs.sse', () => fixture('stream-logprobs.sse')],
  [
    'nonstream-logprobs.json as one data event',
    () => Buffer.from(`data: ${fixture('nonstream-logprobs.json').toString()}\n\ndata: [DONE]\n\n`),
  ],
];

describe('llama.cpp recordings split at every byte offset', () => {
  it.each(BODIES)('%s yields identical payloads for every two-chunk split', (_name, load) => {
    const bytes = load();
    const whole = decode([bytes]);
    expect(whole.at(-1)).toBe('[DONE]');
    expect(deltasOf(whole).length).toBeGreaterThan(0);
    for (let k = 0; k <= bytes.length; k++) {
      const got = decode([bytes.subarray(0, k), bytes.subarray(k)]);
      if (got.length !== whole.length || got.some((d, i) => d !== whole[i])) {
        throw new Error(`split at byte ${k} changed the decoded events`);
      }
    }
  });

  it('stream-basic decodes to the recorded tokens, including a multi-byte character', () => {
    expect(deltasOf(decode([httpFixture().body]))).toEqual([' ≡', 'Repe', 'Chapter', ' phenomenon', '']);
  });

  it('one byte at a time gives the same result', () => {
    const bytes = fixture('stream-logprobs.sse');
    const single = [...bytes].map((b) => Uint8Array.of(b));
    expect(decode(single)).toEqual(decode([bytes]));
  });
});

describe('createSseDecoder', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('skips comments and pings, accepts CRLF and CR, strips a BOM, and passes event types', () => {
    const text =
      '\uFEFF: ping\r\ndata: a\r\n\r\n:keep\n\ndata: b\rdata: c\r\revent: error\ndata: {"x":1}\n\n';
    expect(decode([enc(text)])).toEqual(['a', 'b\nc', 'error:{"x":1}']);
  });

  it('reports an `error:` field (llama.cpp) and ignores other unknown fields and retry', () => {
    expect(decode([enc('foo: bar\nretry: 10\nerror: {"message":"m"}\n\ndata: [DONE]\n\n')])).toEqual([
      '!{"message":"m"}',
      '[DONE]',
    ]);
  });

  it('delivers a last event that lacks its blank line at the end of the stream', () => {
    expect(decode([enc('data: x\n\ndata: [DONE]')])).toEqual(['x', '[DONE]']);
  });

  it('splits inside a 4-byte UTF-8 character and inside a field name', () => {
    const bytes = enc('data: {"t":"🙂"}\n\n');
    const emoji = bytes.indexOf(0xf0);
    expect(
      decode([
        bytes.subarray(0, 2),
        bytes.subarray(2, emoji + 1),
        bytes.subarray(emoji + 1, emoji + 3),
        bytes.subarray(emoji + 3),
      ]),
    ).toEqual(['{"t":"🙂"}']);
  });

  it('carries a 1 MB event split into 64 kB chunks', () => {
    const big = `data: ${'y'.repeat(1 << 20)}\n\n`;
    const bytes = enc(big);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) parts.push(bytes.subarray(i, i + 65536));
    const out = decode(parts);
    expect(out).toHaveLength(1);
    expect(out[0]?.length).toBe(1 << 20);
  });
});

describe('a recording replayed through a real run', () => {
  let server: FakeServer;
  beforeAll(async () => (server = await startFakeServer()));
  afterAll(() => server.close());

  it('streams the recorded llama.cpp response into deltas, usage and done', async () => {
    const { headers, body } = httpFixture();
    const chunks = [body.subarray(0, 7), body.subarray(7, 300), body.subarray(300)];
    server.enqueue({ headers: { 'Content-Type': headers['Content-Type'] ?? '' }, chunks, chunkDelayMs: 3 });
    const run = await collectRun(server.url, params());
    expect(run.texts[0]).toBe(' ≡RepeChapter phenomenon');
    const done = expectDone(run.terminal);
    expect(done.choices).toEqual([{ index: 0, finishReason: 'length' }]);
    expect(done.usage).toEqual({ completion_tokens: 4, prompt_tokens: 2, total_tokens: 6 });
    expect(done.response.raw).toContain('"timings"');
    expect(done.metrics.tokensPerSecond === undefined || done.metrics.tokensPerSecond > 0).toBe(true);
  });

  it('reads the recorded non-streamed llama.cpp body', async () => {
    server.enqueue({
      headers: { 'Content-Type': 'application/json' },
      body: fixture('nonstream-logprobs.json'),
    });
    const run = await collectRun(server.url, params({ stream: false }));
    expect(run.texts[0]).toBe('argument lords');
    expect(expectDone(run.terminal).choices).toEqual([{ index: 0, finishReason: 'length' }]);
  });
});
