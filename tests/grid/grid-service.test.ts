/**
 * The app's grid at the service level, against the fake server: cells run as ordinary runs (recorded in history with
 * their grid and cell), every cell of 8 columns × 250 cases runs exactly once, and a grid killed mid-run resumes on a
 * relaunched service with only the cells that had not finished.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER } from '../contract/contract-harness';
import { planCells } from '../../shared/grid/cells';
import { planGridCells, type GridPlan } from '../../shared/grid/grid-plan';
import { createGridScheduler } from '../../shared/grid/scheduler';
import { DEFAULT_PARAMS } from '../../shared/params';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { makeService, tempDir } from '../service/service-harness';
import { gridRunId, openGridService, realClock, serviceCellRunner, waitUntil } from './service-grid-helpers';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A plan of `columns` setups (told apart by temperature) × `cases` cases of one `{{topic}}` each. */
const makePlan = (columns: number, cases: number, maxTokens = 4): GridPlan => ({
  id: gridRunId(),
  createdAt: Date.now(),
  columns: Array.from({ length: columns }, (_, i) => ({
    id: `col-${i + 1}`,
    label: `Column ${i + 1}`,
    params: {
      ...DEFAULT_PARAMS,
      model: 'fake-model',
      prompt: 'Write about {{topic}}.',
      temperature: i / 10,
      max_tokens: maxTokens,
      stream: true,
    },
    profileId: 'r9s',
  })),
  cases: Array.from({ length: cases }, (_, i) => ({
    id: `case-${i + 1}`,
    values: { topic: `topic ${i + 1}` },
  })),
  extraCells: [],
});

/** "prompt @ temperature" of every completion request the server received. */
const sentCells = (fake: FakeServer, from = 0): string[] =>
  fake.requests
    .slice(from)
    .filter((r) => r.path === '/v1/completions')
    .map((r) => {
      const body = r.body as { prompt: string; temperature: number };
      return `${body.prompt} @ ${body.temperature}`;
    });

const expectedOf = (plan: GridPlan, keys?: ReadonlySet<string>): string[] =>
  planCells(plan.cases, plan.columns)
    .filter((c) => !keys || keys.has(c.key))
    .map((c) => {
      const row = plan.cases.find((r) => r.id === c.caseId)!;
      const col = plan.columns.find((x) => x.id === c.columnId)!;
      return `Write about ${row.values['topic']}. @ ${col.params.temperature}`;
    });

const SSE_DONE =
  'data: {"id":"x","object":"text_completion","model":"fake-model","choices":[{"index":0,"text":"ok","finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';

describe('the grid on the service', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('runs every cell of 8 columns × 250 cases exactly once, each recorded in history with its cell', async () => {
    const fake = await startFakeServer();
    const made = makeService({ env: { baseUrl: fake.url, apiKey: 'sk-grid-scale-0123456789' } });
    cleanups.push(
      () => fake.close(),
      () => made.service.shutdown(),
      () => rmSync(made.dir, { recursive: true }),
    );
    const plan = makePlan(8, 250, 2);
    must(await made.service.saveGrid(plan, CALLER));
    let maxRunning = 0;
    const scheduler = createGridScheduler({
      cells: planGridCells(plan),
      runCell: serviceCellRunner(made.service, plan),
      clock: realClock,
      concurrency: 4,
      onEvent: () => (maxRunning = Math.max(maxRunning, scheduler.progress().running)),
    });
    const progress = await scheduler.run();

    expect(progress).toMatchObject({ total: 2000, done: 2000, failed: 0, remaining: 0 });
    const sent = sentCells(fake);
    expect(sent).toHaveLength(2000);
    expect(new Set(sent).size).toBe(2000);
    expect([...sent].sort()).toEqual(expectedOf(plan).sort());
    expect(maxRunning).toBeLessThanOrEqual(4);
    const page = made.history.list({ gridId: plan.id, offset: 0, limit: 5000 });
    expect(page.total).toBe(2000);
    expect(new Set(page.items.map((i) => i.grid?.cellKey)).size).toBe(2000);
  }, 120_000);

  it('leaves a 429 to the scheduler, which pauses the whole endpoint for its Retry-After and runs the cell again', async () => {
    const fake = await startFakeServer();
    const dir = tempDir();
    cleanups.push(
      () => fake.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const plan = makePlan(1, 3);
    plan.columns[0]!.params.model = 'fake-rate-limit-once';
    const sentAt: number[] = [];
    const timed: typeof fetch = (input, init) => {
      sentAt.push(Date.now());
      return globalThis.fetch(input, init);
    };
    const service = openGridService(dir, fake.url, timed);
    cleanups.push(() => service.service.shutdown());
    const backoffs: number[] = [];
    const scheduler = createGridScheduler({
      cells: planGridCells(plan),
      runCell: serviceCellRunner(service.service, plan),
      clock: realClock,
      concurrency: 1,
      onEvent: (e) => e.type === 'backoff' && backoffs.push(e.until),
    });
    const progress = await scheduler.run();
    expect(progress).toMatchObject({ done: 3, failed: 0 });
    // One refused request, then the three cells: the engine did not retry by itself (that would be a 5th request).
    expect(sentCells(fake)).toHaveLength(4);
    expect(backoffs).toHaveLength(1);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(950);
  }, 30_000);

  it('after a kill mid-grid, a relaunched service resumes only the cells that had not finished', async () => {
    const fake = await startFakeServer();
    const dir = tempDir();
    // The kill: from then on the old process sends nothing more (its requests never leave).
    let isKilled = false;
    const killable: typeof fetch = (input, init) =>
      isKilled ? new Promise<Response>(() => undefined) : globalThis.fetch(input, init);
    const first = openGridService(dir, fake.url, killable);
    cleanups.push(async () => {
      await first.service.shutdown();
      rmSync(dir, { recursive: true, force: true });
    });
    cleanups.push(() => fake.close());
    const plan = makePlan(2, 6);
    must(await first.service.saveGrid(plan, CALLER));
    // Cells 1–8 answer; cells 9 and 10 start streaming and hang, so the kill finds them mid-run.
    for (let i = 0; i < 8; i++)
      fake.enqueue({ headers: { 'Content-Type': 'text/event-stream' }, body: SSE_DONE });
    for (let i = 0; i < 2; i++) {
      fake.enqueue({
        headers: { 'Content-Type': 'text/event-stream' },
        chunks: ['data: {"choices":[{"index":0,"text":"half","finish_reason":null}]}\n\n'],
        after: 'hang',
      });
    }
    const firstRun = createGridScheduler({
      cells: planGridCells(plan),
      runCell: serviceCellRunner(first.service, plan),
      clock: realClock,
      concurrency: 2,
    });
    void firstRun.run();
    await waitUntil(() => firstRun.progress().done === 8 && sentCells(fake).length === 10);
    const finishedKeys = new Set(firstRun.results().map((r) => r.key));
    await first.history.flush();
    isKilled = true;

    const second = openGridService(dir, fake.url, globalThis.fetch);
    cleanups.push(() => second.service.shutdown());
    const stored = must(await second.service.getGrid(CALLER));
    expect(stored?.plan).toEqual(plan);
    expect(new Set(stored?.results.map((r) => r.key))).toEqual(finishedKeys);
    expect(stored?.results.every((r) => r.status === 'succeeded' && r.outputs[0] === 'ok')).toBe(true);

    const before = fake.requests.length;
    const resumed = createGridScheduler({
      cells: planGridCells(plan),
      runCell: serviceCellRunner(second.service, plan),
      clock: realClock,
      concurrency: 2,
      restore: stored?.results ?? [],
    });
    const progress = await resumed.run();
    expect(progress).toMatchObject({ total: 12, done: 12, remaining: 0 });
    const unfinished = new Set(
      planGridCells(plan)
        .map((c) => c.key)
        .filter((k) => !finishedKeys.has(k)),
    );
    expect(unfinished.size).toBe(4);
    expect(sentCells(fake, before).sort()).toEqual(expectedOf(plan, unfinished).sort());
    // The cells cut off by the kill read back as interrupted, so history tells what happened to them.
    const interrupted = second.history
      .list({ gridId: plan.id, offset: 0, limit: 100 })
      .items.filter((i) => i.status === 'interrupted');
    expect(interrupted).toHaveLength(2);
  }, 60_000);
});
