/**
 * View code shows the body the engine sends: for each setup, the body parsed out of the curl and TypeScript snippets
 * is the JSON the engine posted to the fake server, key for key and in the same order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlSnippet, typescriptSnippet } from '../../shared/code-snippets';
import type { CompletionParams } from '../../shared/params';
import { collectRun, expectDone, params } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

/** The JSON after curl's `-d`, undoing the snippet's shell quoting (`'\''` is a quote inside '...'). */
const bodyOfCurl = (snippet: string): unknown => {
  const match = /\n {2}-d '([\s\S]*)'\n$/.exec(snippet);
  if (!match?.[1]) throw new Error(`no -d body in:\n${snippet}`);
  return JSON.parse(match[1].replace(/'\\''/g, "'"));
};

/** The object literal passed to JSON.stringify in the fetch call (it is written as JSON). */
const bodyOfTypeScript = (snippet: string): unknown => {
  const match = /\n {2}body: JSON\.stringify\(([\s\S]*?)\),\n\}\);\n/.exec(snippet);
  if (!match?.[1]) throw new Error(`no body in:\n${snippet}`);
  return JSON.parse(match[1]);
};

interface Setup {
  name: string;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** What the body must (not) hold, so each row checks the rule it is about, not only the agreement. */
  expectBody: (body: Record<string, unknown>) => void;
}

const SETUPS: Setup[] = [
  {
    name: 'unset parameters',
    params: params({ temperature: undefined, top_p: undefined, seed: undefined, max_tokens: 4 }),
    expectBody: (b) => expect(Object.keys(b)).toEqual(['model', 'prompt', 'max_tokens', 'stream']),
  },
  {
    name: 'an empty stop list',
    params: params({ max_tokens: 4, stop: [] }),
    expectBody: (b) => expect(b).not.toHaveProperty('stop'),
  },
  {
    name: 'an empty logit bias table',
    params: params({ max_tokens: 4, logit_bias: {} }),
    expectBody: (b) => expect(b).not.toHaveProperty('logit_bias'),
  },
  {
    name: 'logprobs set',
    params: params({ max_tokens: 4, logprobs: 5 }),
    expectBody: (b) => expect(b['logprobs']).toBe(5),
  },
  {
    name: 'logprobs set to 0 (only the sampled token)',
    params: params({ max_tokens: 4, logprobs: 0 }),
    expectBody: (b) => expect(b['logprobs']).toBe(0),
  },
  {
    name: 'logprobs not set',
    params: params({ max_tokens: 4, logprobs: undefined }),
    expectBody: (b) => expect(b).not.toHaveProperty('logprobs'),
  },
  {
    name: 'stop sequences and token biases',
    params: params({ max_tokens: 8, stop: ['\n\n', 'END'], logit_bias: { '50256': -100, '13': 5 } }),
    expectBody: (b) => expect(b).toMatchObject({ stop: ['\n\n', 'END'], logit_bias: { '50256': -100 } }),
  },
  {
    name: 'best_of > 1 with stream on',
    params: params({ max_tokens: 4, n: 2, best_of: 3, stream: true }),
    expectBody: (b) => expect(b).toMatchObject({ n: 2, best_of: 3, stream: false }),
  },
  {
    name: 'stream off',
    params: params({ max_tokens: 4, stream: false }),
    expectBody: (b) => expect(b['stream']).toBe(false),
  },
  {
    name: 'echo on',
    params: params({ max_tokens: 4, echo: true }),
    expectBody: (b) => expect(b['echo']).toBe(true),
  },
  {
    name: 'falsy values that are set',
    params: params({ max_tokens: 4, echo: false, seed: 0, temperature: 0, frequency_penalty: 0 }),
    expectBody: (b) =>
      expect(b).toMatchObject({ echo: false, seed: 0, temperature: 0, frequency_penalty: 0 }),
  },
  {
    name: 'a seed',
    params: params({ max_tokens: 4, seed: 1234567 }),
    expectBody: (b) => expect(b['seed']).toBe(1234567),
  },
  {
    name: 'an extra body that overrides a parameter and adds top_k',
    params: params({ max_tokens: 4, temperature: 1 }),
    extraBody: { temperature: 0.2, top_k: 40 },
    expectBody: (b) => {
      expect(b).toMatchObject({ temperature: 0.2, top_k: 40 });
      expect(Object.keys(b).at(-1)).toBe('top_k');
    },
  },
  {
    name: 'an extra body that sends stop as a string',
    params: params({ max_tokens: 4, stop: ['zzz'] }),
    extraBody: { stop: 'fox' },
    expectBody: (b) => expect(b['stop']).toBe('fox'),
  },
  {
    name: 'a unicode prompt with quotes, backslashes and newlines',
    params: params({
      prompt: `Ünïcödé — 日本語 🚀 it's "quoted" \\ back\nslash\ttab`,
      max_tokens: 4,
      user: "o'brien",
    }),
    expectBody: (b) => expect(b['prompt']).toBe(`Ünïcödé — 日本語 🚀 it's "quoted" \\ back\nslash\ttab`),
  },
];

describe('View code shows the body the engine sends', () => {
  let server: FakeServer;
  beforeAll(async () => (server = await startFakeServer()));
  afterAll(() => server.close());

  it.each(SETUPS)('$name', async ({ params: p, extraBody, expectBody }) => {
    const run = await collectRun(server.url, p, extraBody ? { extraBody } : {});
    expectDone(run.terminal);
    const sent = server.requests.at(-1)?.rawBody ?? '';
    const input = { baseUrl: `${server.url}/v1`, params: p, ...(extraBody ? { extraBody } : {}) };
    // Compared as JSON text, so key order counts as well as every value.
    expect(JSON.stringify(bodyOfCurl(curlSnippet(input)))).toBe(sent);
    expect(JSON.stringify(bodyOfTypeScript(typescriptSnippet(input)))).toBe(sent);
    expectBody(JSON.parse(sent) as Record<string, unknown>);
  });
});
