import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebServer, type WebServer } from '../../main/web/server';
import { isNestedDeeperThan, MAX_BODY_DEPTH } from '../../main/web/json-depth';
import { createContractService } from '../contract/contract-harness';
import { rawRequest } from './web-test-client';

const TOKEN = 'test-token-body';

/** `{"a":[[[…]]]}` nested `depth` levels below the object. */
const nested = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('JSON nesting depth', () => {
  it('counts brackets outside strings only', () => {
    expect(isNestedDeeperThan('[[1]]', 2)).toBe(false);
    expect(isNestedDeeperThan('[[[1]]]', 2)).toBe(true);
    expect(isNestedDeeperThan('{"a":"[[[[[[\\"[[["}', 2)).toBe(false);
    expect(isNestedDeeperThan(nested(MAX_BODY_DEPTH - 1), MAX_BODY_DEPTH)).toBe(false);
    expect(isNestedDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(true);
  });
});

describe('web mode request bodies', () => {
  let harness: ReturnType<typeof createContractService>;
  let web: WebServer;
  let staticDir: string;
  beforeEach(async () => {
    harness = createContractService('http://127.0.0.1:9');
    staticDir = mkdtempSync(join(tmpdir(), 'r9s-body-'));
    web = await createWebServer({
      dispatcher: harness.dispatcher,
      service: harness.service,
      staticDir,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterEach(async () => {
    await web.close();
    await harness.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const post = (path: string, body: string) =>
    rawRequest({
      port: web.port,
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', 'x-playground-token': TOKEN },
      body,
    });

  const preset = (extraBody: string) =>
    `{"args":[{"id":"p1","name":"Deep","params":{"model":"m","prompt":"","stream":true},"createdAt":1,"updatedAt":1,"extraBody":${extraBody}}]}`;

  it.each([['/api/call/savePreset'], ['/api/run']])(
    'answers deeply nested JSON on %s with 400 and a message, not a storage failure',
    async (path) => {
      const res = await post(path, preset(nested(50_000)));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: { kind: 'invalid_input', message: `body is nested more than ${MAX_BODY_DEPTH} levels deep` },
      });
    },
  );

  it('still takes nesting that real extra bodies use', async () => {
    const res = await post('/api/call/savePreset', preset(nested(40)));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { id: 'p1' } });
  });
});
