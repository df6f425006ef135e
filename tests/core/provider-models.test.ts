import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels } from '../../main/core/provider';
import { targetOf } from '../support/engine-helpers';
import { FAKE_MODELS, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer({ apiKey: 'sk-models' })));
afterAll(() => server.close());

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('listModels', () => {
  it('GETs /v1/models with the key and reads data[].id', async () => {
    const result = await listModels(targetOf(`${server.url}/v1`, { apiKey: 'sk-models' }), fetch);
    expect(result).toEqual({ ok: true, value: FAKE_MODELS.map((id) => ({ id, ownedBy: 'fake' })) });
    const seen = server.requests.at(-1);
    expect(seen).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(seen?.headers['authorization']).toBe('Bearer sk-models');
  });

  it('reads models[].name / models[].id (llama.cpp, Ollama style) and drops duplicates', async () => {
    const body = JSON.stringify({
      models: [{ name: 'llama3:8b' }, { id: 'qwen', name: 'ignored' }, { name: 'llama3:8b' }, 7],
    });
    server.enqueue({ headers: JSON_HEADERS, body });
    expect(await listModels(targetOf(server.url), fetch)).toEqual({
      ok: true,
      value: [{ id: 'llama3:8b' }, { id: 'qwen' }],
    });
  });

  it('returns the server message on 401', async () => {
    const result = await listModels(targetOf(server.url, { apiKey: 'wrong' }), fetch);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'authentication',
        status: 401,
        message: 'Incorrect API key provided.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
  });

  it('reports a body without a model list as `protocol`', async () => {
    server.enqueue({ headers: JSON_HEADERS, body: '{"hello":1}' });
    const result = await listModels(targetOf(server.url), fetch);
    expect(result.ok ? undefined : result.error.kind).toBe('protocol');
    server.enqueue({ headers: { 'Content-Type': 'text/html' }, body: '<html>hi</html>' });
    const html = await listModels(targetOf(server.url), fetch);
    expect(html.ok ? undefined : html.error.kind).toBe('protocol');
  });
});
