/**
 * Drives a grid through the real service the way the app's grid does: every cell is a run started with startRun
 * (tagged with its grid and cell, so history records it), its events collected until the terminal one, and the
 * outcome mapped by the shared outcomeOfRun.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHistoryStore, type FileHistoryStore } from '../../main/core/history';
import { systemClock } from '../../main/core/provider';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createPlaygroundService, type PlaygroundService } from '../../main/core/service';
import type { RunContext } from '../../main/core/service/run-manager';
import { createConfStore } from '../../main/core/stores';
import { cellRunRequest, planIndex, type GridPlan } from '../../shared/grid/grid-plan';
import type { CellOutcome, GridCell, GridClock } from '../../shared/grid/grid-types';
import { outcomeOfRun, type EndedRun } from '../../shared/grid/run-outcome';
import type { RunEvent } from '../../shared/run-events';
import { createRecordingLogger } from '../contract/contract-harness';

/** A fresh run id, as the page makes them. */
export const gridRunId = () => `g${randomBytes(12).toString('base64url')}`;

/** The real clock, as the scheduler takes it. */
export const realClock: GridClock = systemClock;

/** The service on `dir` with a file-backed history in `dir/history`, as a relaunch of the app would open it. */
export const openGridService = (dir: string, baseUrl: string, fetch: typeof globalThis.fetch) => {
  const historyDir = join(dir, 'history');
  mkdirSync(historyDir, { recursive: true });
  const history: FileHistoryStore = createHistoryStore({ dir: historyDir });
  const service = createPlaygroundService({
    fetch,
    clock: systemClock,
    secrets: createMemorySecretStore(),
    openStore: createConfStore(dir),
    history,
    env: { baseUrl, apiKey: 'sk-grid-test-0123456789abcdef' },
    logger: createRecordingLogger(),
  });
  return { service, history };
};

/** The runCell of a grid whose cells run as runs of `service`. */
export const serviceCellRunner = (service: PlaygroundService, plan: GridPlan) => {
  const index = planIndex(plan);
  return (cell: GridCell, signal: AbortSignal): Promise<CellOutcome> => {
    const runId = gridRunId();
    const request = cellRunRequest(index, plan.id, cell, runId);
    if (!request.ok) {
      return Promise.resolve({ status: 'failed', error: request.error, outputs: [], finishReasons: [] });
    }
    return new Promise<CellOutcome>((settle) => {
      const onAbort = () => void service.cancelRun(runId, ctx);
      const resolve = (outcome: CellOutcome) => {
        signal.removeEventListener('abort', onAbort);
        settle(outcome);
      };
      const run: EndedRun & { outputs: string[] } = { status: 'done', outputs: [] };
      const ctx: RunContext = {
        ownerId: 'grid-test',
        emit: (event: RunEvent) => {
          if (event.type === 'started') run.request = event.request;
          else if (event.type === 'delta')
            run.outputs[event.choice] = (run.outputs[event.choice] ?? '') + event.text;
          else if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') {
            run.status = event.type;
            run.metrics = event.metrics;
            if (event.type === 'done')
              Object.assign(run, { choices: event.choices, response: event.response });
            if (event.type === 'done' && event.usage) run.usage = event.usage;
            if (event.type === 'error') {
              run.error = event.error;
              if (event.response) run.response = event.response;
            }
            resolve(outcomeOfRun(run, Date.now()));
          }
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void service.startRun(request.value, ctx).then((started) => {
        if (!started.ok) resolve({ status: 'failed', error: started.error, outputs: [], finishReasons: [] });
      });
    });
  };
};

/** Waits until `check` holds, polling every 10 ms, failing after `ms`. */
export const waitUntil = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};
