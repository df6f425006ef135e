import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/core/ports';
import { systemClock } from '../../main/core/provider';
import type { RunEvent } from '../../shared/run-events';
import { isTerminal } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { CALLER } from '../contract/contract-harness';
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
    expect(await made.service.clearApiKey('r9s', CALLER)).toMatchObject({
      ok: true,
      value: { storage: 'none' },
    });
    await collect(made.service, runRequest());
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('forgets the key of a removed profile', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const saved = await made.service.saveProfile({ name: 'p', baseUrl: fake.url }, CALLER);
    if (!saved.ok) throw new Error(saved.error.message);
    await made.service.setApiKey(saved.value.id, KEY, CALLER);
    await made.service.removeProfile(saved.value.id, CALLER);
    const again = await made.service.saveProfile(
      { id: saved.value.id, name: 'p', baseUrl: fake.url },
      CALLER,
    );
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
    const asOwner = (ownerId: string) => ({ ...CALLER, ownerId });
    // Only the page that started a run may stop it; to any other it is not a run of theirs.
    expect(await made.service.cancelRun(theirs.runId, asOwner('window-1'))).toEqual({
      ok: true,
      value: { wasRunning: false },
    });
    expect(ends[theirs.runId]).toBeUndefined();
    expect(await made.service.cancelRun(theirs.runId, asOwner('window-2'))).toEqual({
      ok: true,
      value: { wasRunning: true },
    });
    await made.service.shutdown();
    expect(ends[theirs.runId]).toBe('cancelled');
    expect(made.history.get(mine.runId)?.status).toBe('cancelled');
  });

  it('claims a run id before looking anything up, and gives back the id of a run that could not start', async () => {
    made = makeService({ env: { baseUrl: fake.url } });
    const request = runRequest();
    const refused = await made.service.startRun({ ...request, profileId: 'nope' }, CALLER);
    expect(!refused.ok && refused.error.kind).toBe('not_found');
    const events: RunEvent[] = [];
    let ended = () => {};
    const end = new Promise<void>((resolve) => (ended = resolve));
    const page = { ownerId: 'page', emit: (e: RunEvent) => void (events.push(e), isTerminal(e) && ended()) };
    // Both calls check the id before either has resolved its profile and key: only one may pass.
    const [first, second] = await Promise.all([
      made.service.startRun(request, page),
      made.service.startRun(request, page),
    ]);
    expect(first).toEqual({ ok: true, value: { runId: request.runId } });
    expect(second).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    await end;
    expect(events.filter((e) => e.type === 'started')).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
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
