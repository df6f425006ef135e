import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/core/ports';
import { systemClock } from '../../main/core/provider';
import type { RunEvent } from '../../shared/run-events';
import { isTerminal } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { makeService } from './service-harness';

const KEY = 'sk-service-test-1234567890abcdef';

/** Starts a run and resolves with all of its events at the terminal one. */
const collect = (
  service: ReturnType<typeof makeService>['service'],
  request: ReturnType<typeof runRequest>,
) =>
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

describe('service runs', () => {
  let fake: FakeServer;
  let made: ReturnType<typeof makeService>;
  beforeEach(async () => {
    fake = await startFakeServer();
  });
  afterEach(async () => {
    await made.service.shutdown();
    await fake.close();
    rmSync(made.dir, { recursive: true, force: true });
  });

  it('records the run in history before the request reaches the server', async () => {
    made = makeService({ env: { baseUrl: fake.url, apiKey: KEY } });
    const request = runRequest();
    let seenByServer: unknown;
    fake.enqueue((_req, res) => {
      seenByServer = made.history.get(request.runId)?.status;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"nope"}}');
    });
    await collect(made.service, request);
    expect(seenByServer).toBe('running');
    expect(made.history.calls.filter((c) => c.id === request.runId).map((c) => c.method)).toEqual([
      'start',
      'finish',
    ]);
  });

  it('checkpoints progress at most once a second of clock time', async () => {
    let t = 0;
    // Each reading advances 100 ms: a 64-token run spans several "seconds" without waiting for any.
    const clock: Clock = { now: () => (t += 100), sleep: (ms, signal) => systemClock.sleep(ms, signal) };
    made = makeService({ env: { baseUrl: fake.url }, clock });
    const request = runRequest({ max_tokens: 64 });
    const events = await collect(made.service, request);
    const deltas = events.filter((e) => e.type === 'delta').length;
    const progress = made.history.calls.filter((c) => c.method === 'progress').length;
    expect(deltas).toBe(64);
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThanOrEqual(Math.ceil(t / 1000));
  });

  it('never lets the key out, even when the server echoes it in an error', async () => {
    made = makeService({ env: { baseUrl: fake.url, apiKey: KEY } });
    fake.enqueue({
      status: 401,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'auth' } }),
    });
    const request = runRequest();
    const events = await collect(made.service, request);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(JSON.stringify(events.at(-1))).toContain('[redacted]');
    expect(JSON.stringify(made.history.get(request.runId))).not.toContain(KEY);
    expect(made.logger.lines.join('\n')).not.toContain(KEY);
  });

  it('stops using R9S_API_KEY after clearApiKey on the seeded profile', async () => {
    made = makeService({ env: { baseUrl: fake.url, apiKey: KEY } });
    expect(await made.service.clearApiKey('r9s')).toMatchObject({ ok: true, value: { storage: 'none' } });
    await collect(made.service, runRequest());
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('forgets the key of a removed profile', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const saved = await made.service.saveProfile({ name: 'p', baseUrl: fake.url });
    if (!saved.ok) throw new Error(saved.error.message);
    await made.service.setApiKey(saved.value.id, KEY);
    await made.service.removeProfile(saved.value.id);
    const again = await made.service.saveProfile({ id: saved.value.id, name: 'p', baseUrl: fake.url });
    expect(!again.ok && again.error.kind).toBe('not_found');
  });

  it('aborts the runs of an owner that went away, and only those', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const mine = runRequest({ model: 'fake-slow' });
    const theirs = runRequest({ model: 'fake-slow' });
    const ends: Record<string, string> = {};
    let mineEnded = () => {};
    const mineEnd = new Promise<void>((resolve) => (mineEnded = resolve));
    const firstDeltas = [mine, theirs].map(
      (req) =>
        new Promise<void>((resolve) => {
          void made.service.startRun(req, {
            ownerId: req === mine ? 'window-1' : 'window-2',
            emit: (e) => {
              if (e.type === 'delta') resolve();
              if (!isTerminal(e)) return;
              ends[req.runId] = e.type;
              if (req === mine) mineEnded();
            },
          });
        }),
    );
    await Promise.all(firstDeltas);
    made.service.abortOwner('window-1');
    await mineEnd;
    expect(ends).toEqual({ [mine.runId]: 'cancelled' });
    expect(await made.service.cancelRun(theirs.runId)).toEqual({ ok: true, value: { wasRunning: true } });
    await made.service.shutdown();
    expect(ends[theirs.runId]).toBe('cancelled');
    expect(made.history.get(mine.runId)?.status).toBe('cancelled');
  });

  it('cancels running runs on shutdown and records them', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const request = runRequest({ model: 'fake-slow' });
    const firstDelta = new Promise<void>((resolve) => {
      void made.service.startRun(request, { ownerId: 'x', emit: (e) => e.type === 'delta' && resolve() });
    });
    await firstDelta;
    await made.service.shutdown();
    const entry = made.history.get(request.runId);
    expect(entry?.status).toBe('cancelled');
    expect(entry?.outputs[0]?.length).toBeGreaterThan(0);
  });
});
