/**
 * Keys written back by a server and credentials in a base URL: every key of every profile is redacted from the
 * page's events, history, exports and logs, and a base URL with a user name or password is refused without being
 * repeated.
 */
import { CALLER } from '../contract/contract-harness';
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/dispatcher';
import { createKnownSecrets, rememberSecrets } from '../../main/core/secrets/known-secrets';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createStreamRedactor } from '../../main/core/secrets/redact';
import { createRedactingLogger } from '../../main/electron/logger';
import { createStderrLogger } from '../../main/web/web-logger';
import type { RunEvent } from '../../shared/run-events';
import { isTerminal } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';
import { chunkOf, sse } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { makeService } from './service-harness';

const ENV_KEY = 'sk-env-key-0123456789';
const OTHER_KEY = 'sk-other-profile-key-abcdef';

type Service = ReturnType<typeof makeService>['service'];

/** Starts a run and resolves with its events at the terminal one. */
const collect = (service: Service, request: ReturnType<typeof runRequest>) =>
  new Promise<RunEvent[]>((resolve, reject) => {
    const events: RunEvent[] = [];
    void service
      .startRun(request, {
        ownerId: 'test',
        emit: (e) => {
          events.push(e);
          if (isTerminal(e)) resolve(events);
        },
      })
      .then((r) => !r.ok && reject(new Error(r.error.message)));
  });

const textOf = (events: RunEvent[]) => events.map((e) => (e.type === 'delta' ? e.text : '')).join('');

describe('keys a server writes back', () => {
  let fake: FakeServer;
  let made: ReturnType<typeof makeService>;
  beforeEach(async () => {
    fake = await startFakeServer();
    made = makeService({ env: { baseUrl: fake.url, apiKey: ENV_KEY } });
    const other = await made.service.saveProfile({ name: 'other', baseUrl: 'http://other.example' }, CALLER);
    if (!other.ok) throw new Error(other.error.message);
    await made.service.setApiKey(other.value.id, OTHER_KEY, CALLER);
  });
  afterEach(async () => {
    await made.service.shutdown();
    await fake.close();
    rmSync(made.dir, { recursive: true, force: true });
  });

  it('are redacted from the live deltas, history and exports, even split over several deltas', async () => {
    fake.enqueue({
      chunks: [
        sse(chunkOf('hello sk-other-pro', 0)),
        sse(chunkOf(`file-key-abcdef and ${ENV_KEY.slice(0, 5)}`, 0)),
        sse(chunkOf(`${ENV_KEY.slice(5)} bye s`, 0, 'stop')),
        sse('[DONE]'),
      ],
    });
    const request = runRequest();
    const events = await collect(made.service, request);
    expect(events.at(-1)?.type).toBe('done');
    const expected = 'hello [redacted] and [redacted] bye s';
    // The trailing "s" could have begun a key: it was held back, then delivered when the run ended.
    expect(textOf(events)).toBe(expected);
    expect(JSON.stringify(events)).not.toMatch(/sk-other|sk-env/);
    expect(made.history.get(request.runId)?.outputs).toEqual([expected]);
    const exported = await made.service.exportHistory('jsonl', CALLER);
    expect(exported.ok && exported.value).toContain(JSON.stringify(expected));
    expect(JSON.stringify(exported)).not.toMatch(/sk-other-profile|sk-env-key/);
  });

  it('are redacted from an error the server sends mid-stream and from the raw answer kept', async () => {
    fake.enqueue({
      chunks: [sse(chunkOf('part', 0)), sse({ error: { message: `bad key ${OTHER_KEY}` } })],
    });
    const request = runRequest();
    const events = await collect(made.service, request);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { message: 'bad key [redacted]' } });
    expect(JSON.stringify(made.history.get(request.runId))).not.toContain(OTHER_KEY);
  });

  it('are redacted from an export of a run recorded before the key was known', async () => {
    const request = runRequest();
    fake.enqueue({ chunks: [sse(chunkOf('key sk-later-added-key-42', 0, 'stop')), sse('[DONE]')] });
    await collect(made.service, request);
    expect(made.history.get(request.runId)?.outputs[0]).toContain('sk-later-added-key-42');
    await made.service.setApiKey('r9s', 'sk-later-added-key-42', CALLER);
    const exported = await made.service.exportHistory('jsonl', CALLER);
    expect(exported.ok && exported.value).not.toContain('sk-later-added-key-42');
  });
});

describe('the stream redactor', () => {
  it('holds back only what could start a key, and lets it go when it does not', () => {
    const redactor = createStreamRedactor(() => ['sk-abcdefgh']);
    expect(redactor.push(0, 'one sk-ab')).toBe('one ');
    expect(redactor.push(1, 'other choice')).toBe('other choice');
    expect(redactor.push(0, 'x and sk')).toBe('sk-abx and ');
    expect(redactor.push(0, '-abcdefgh!')).toBe('[redacted]!');
    expect(redactor.push(0, 'tail s')).toBe('tail ');
    expect(redactor.flush()).toEqual([[0, 's']]);
  });
});

describe('loggers', () => {
  it('redact every key of every profile, as soon as the service has seen it', async () => {
    const known = createKnownSecrets();
    const store = rememberSecrets(createMemorySecretStore(), known);
    await store.set('profile-a', 'sk-profile-a-secret-1', 'https://a.example');
    const lines: string[] = [];
    const web = createStderrLogger({ knownSecrets: known.list, write: (l) => void lines.push(l) });
    const desktop = createRedactingLogger((_level, line) => void lines.push(line), known.list);
    web.warn('echoed sk-profile-a-secret-1');
    desktop.warn('echoed', { text: 'sk-profile-a-secret-1' });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('sk-profile-a-secret-1');
      expect(line).toContain('[redacted]');
    }
  });
});

describe('a base URL with a user name or password', () => {
  let fake: FakeServer;
  let made: ReturnType<typeof makeService> | undefined;
  beforeEach(async () => (fake = await startFakeServer()));
  afterEach(async () => {
    await made?.service.shutdown();
    await fake.close();
    if (made) rmSync(made.dir, { recursive: true, force: true });
  });

  it('is refused when saving a profile, with a message that does not repeat it', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const dispatcher = createDispatcher(made.service, made.logger);
    const input = { name: 'creds', baseUrl: 'https://alice:hunter2pass@llm.example/v1' };
    const saved = await dispatcher.dispatch('saveProfile', [input], { ownerId: 't', emit: () => undefined });
    expect(saved.ok).toBe(false);
    if (!saved.ok) {
      expect(saved.error.kind).toBe('invalid_input');
      expect(saved.error.message).toMatch(/user name or password/);
      expect(JSON.stringify(saved.error)).not.toContain('hunter2pass');
    }
  });

  it('stored by an older version, is kept but its runs and model lists are refused before anything is sent', async () => {
    made = makeService({});
    const legacy = { id: 'legacy', name: 'legacy', baseUrl: `http://alice:hunter2pass@${fake.url.slice(7)}` };
    writeFileSync(made.settingsPath, JSON.stringify({ profiles: [legacy], activeProfileId: 'legacy' }));
    await made.service.shutdown();
    made = makeService({ dir: made.dir });
    const settings = await made.service.getSettings(CALLER);
    expect(settings.ok && settings.value.profiles.map((p) => p.id)).toEqual(['legacy']);
    const request = runRequest({}, 'legacy');
    const events = await collect(made.service, request);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'invalid_input', param: 'baseUrl' },
    });
    const models = await made.service.listModels('legacy', CALLER);
    expect(models.ok).toBe(false);
    expect(fake.requests).toHaveLength(0);
    const exported = await made.service.exportHistory('jsonl', CALLER);
    expect(JSON.stringify([events, models, exported])).not.toContain('hunter2pass');
  });
});
