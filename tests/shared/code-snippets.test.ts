import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompletionRequest } from '../../main/core/provider';
import {
  buildSnippets,
  curlSnippet,
  pythonSnippet,
  toPython,
  typescriptSnippet,
} from '../../shared/code-snippets';
import type { CompletionParams } from '../../shared/params';
import { targetOf } from '../support/engine-helpers';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';

const run = promisify(execFile);
const KEY = 'sk-test-never-in-snippets-4242';

const params: CompletionParams = {
  model: 'fake-model',
  prompt: 'It\'s a "quoted" prompt\nwith a newline',
  stream: true,
  temperature: 0.4,
  max_tokens: 6,
  top_p: undefined,
  stop: ['zzz'],
};

describe('endpoint', () => {
  it("is the engine's endpoint whether or not the base URL ends in /v1", () => {
    for (const baseUrl of ['https://api.r9s.ai', 'https://api.r9s.ai/v1/', ' https://api.r9s.ai/V1 ']) {
      expect(curlSnippet({ baseUrl, params })).toContain("curl -N 'https://api.r9s.ai/v1/completions'");
      expect(typescriptSnippet({ baseUrl, params })).toContain('fetch("https://api.r9s.ai/v1/completions"');
      expect(pythonSnippet({ baseUrl, params })).toContain('server_url="https://api.r9s.ai/v1"');
    }
  });
});

describe('snippets', () => {
  const input = {
    baseUrl: 'https://api.r9s.ai/v1',
    params,
    headers: { 'X-Org': 'acme', 'X-Api-Key': 'hdr-secret-1' },
  };

  it('never contain a key: the key comes from R9S_API_KEY, credential-like headers from variables', () => {
    const all = buildSnippets(input);
    for (const text of Object.values(all)) {
      expect(text).toContain('R9S_API_KEY');
      expect(text).not.toContain('hdr-secret-1');
      expect(text).not.toContain('top_p');
      expect(text).not.toContain('best_of');
    }
    expect(all.curl).toContain('$R9S_HEADER_X_API_KEY');
    expect(all.typescript).toContain('process.env.R9S_HEADER_X_API_KEY');
    expect(all.curl).toContain("'X-Org: acme'");
  });

  it('Python mirrors the r9s SDK call', () => {
    const py = pythonSnippet({ ...input, params: { ...params, echo: true, logit_bias: { '50256': -100 } } });
    expect(py).toContain('from r9s import R9S');
    expect(py).toContain('with R9S(');
    expect(py).toContain('api_key=os.environ["R9S_API_KEY"]');
    expect(py).toContain('server_url="https://api.r9s.ai/v1"');
    expect(py).toContain('r9_s.completions.create(');
    expect(py).toContain('echo=True,');
    expect(py).toContain('temperature=0.4,');
    expect(py).not.toContain('top_p');
    // logprobs is outside the r9s request schema: the SDK call cannot take it, so it is named for curl/fetch instead.
    const withLogprobs = pythonSnippet({ ...input, params: { ...params, logprobs: 3 } });
    expect(withLogprobs).not.toContain('logprobs=');
    expect(withLogprobs).toContain('#   "logprobs": 3');
    expect(toPython({ a: [true, null, 'x"y'] })).toBe(
      '{\n    "a": [\n        True,\n        None,\n        "x\\"y",\n    ],\n}',
    );
  });
});

describe('snippets run against a real server', () => {
  let fake: FakeServer;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeServer({ apiKey: KEY });
    dir = mkdtempSync(join(tmpdir(), 'snippets-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const expected = fakeText(params.prompt, 0, 6, ['zzz']);
  const env = { ...process.env, R9S_API_KEY: KEY };

  it('curl streams the completion with the key from the environment, sending the body the app sends', async () => {
    const file = join(dir, 'run.sh');
    writeFileSync(file, curlSnippet({ baseUrl: fake.url, params }));
    const { stdout } = await run('bash', [file], { env, encoding: 'utf8' });
    expect(stdout).toContain('data: ');
    expect(fake.requests.at(-1)?.body).toEqual(buildCompletionRequest(targetOf(fake.url), params).body);
  });

  it('TypeScript streams and prints the same text', async () => {
    const file = join(dir, 'run.mts');
    writeFileSync(file, typescriptSnippet({ baseUrl: fake.url, params }));
    const { stdout } = await run(
      process.execPath,
      [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), file],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(stdout.trimEnd()).toBe(expected.trimEnd());
    const nonStream = join(dir, 'once.mts');
    writeFileSync(nonStream, typescriptSnippet({ baseUrl: fake.url, params: { ...params, stream: false } }));
    const once = await run(
      process.execPath,
      [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), nonStream],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(once.stdout.trimEnd()).toBe(expected.trimEnd());
  }, 60_000);

  it('Python parses as Python', async () => {
    const file = join(dir, 'run.py');
    writeFileSync(file, pythonSnippet({ baseUrl: fake.url, params, extraBody: { top_k: 3 } }));
    const { stdout } = await run(
      'python3',
      ['-c', `import ast; ast.parse(open(${JSON.stringify(file)}).read()); print('ok')`],
      {
        encoding: 'utf8',
      },
    );
    expect(stdout.trim()).toBe('ok');
  });
});
