/**
 * Builds the real service for contract tests (real conf store and file history in a temp dir, web mode's memory
 * secret store, the real provider over a fake server) and an in-process PlaygroundApi over the dispatcher. The
 * Electron helper reuses the recording logger under its IPC loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaygroundApi } from '../../shared/api';
import { invokeMembers } from '../../shared/channels';
import type { RunEvent } from '../../shared/run-events';
import { createDispatcher, type Dispatcher } from '../../main/core/dispatcher';
import type { HistoryStore, Logger } from '../../main/core/ports';
import { systemClock } from '../../main/core/provider';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createPlaygroundService, type PlaygroundService, type RunContext } from '../../main/core/service';
import { createConfStore } from '../../main/core/stores';
import { createHistoryStore } from '../../main/core/history';

/** The key the contract suite seeds through R9S_API_KEY and then searches for everywhere it must not be. */
export const CONTRACT_TEST_KEY = 'sk-contract-test-4f9a2c7e1b8d6053XYZ9';

/** The context of a page calling the service directly, for calls that carry no run events. */
export const CALLER: RunContext = { ownerId: 'test-page', emit: () => undefined };

/** A logger that keeps lines, so tests can search them for the key too. */
export const createRecordingLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const log = (level: string) => (message: string, details?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
};

/** A service over a fresh data directory, seeded like web mode with R9S_BASE_URL = the fake server. */
export const createContractService = (
  fakeUrl: string,
  options: { history?: HistoryStore; dataDir?: string } = {},
): {
  service: PlaygroundService;
  dispatcher: Dispatcher;
  dataDir: string;
  logger: Logger & { lines: string[] };
  dispose(): Promise<void>;
} => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'r9s-contract-'));
  const logger = createRecordingLogger();
  const service = createPlaygroundService({
    fetch: globalThis.fetch,
    clock: systemClock,
    secrets: createMemorySecretStore(),
    openStore: createConfStore(dataDir),
    history: options.history ?? createHistoryStore({ dir: join(dataDir, 'history') }),
    env: { baseUrl: fakeUrl, apiKey: CONTRACT_TEST_KEY },
    logger,
  });
  return {
    service,
    dispatcher: createDispatcher(service, logger),
    dataDir,
    logger,
    async dispose() {
      await service.shutdown();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * PlaygroundApi straight over the dispatcher, as one page: arguments pass through structuredClone like IPC's
 * structured clone, so nothing works only because an object was shared.
 */
export const createDispatcherApi = (dispatcher: Dispatcher, ownerId = 'in-process'): PlaygroundApi => {
  const listeners = new Set<(event: RunEvent) => void>();
  const ctx = { ownerId, emit: (event: RunEvent) => listeners.forEach((l) => l(structuredClone(event))) };
  return {
    ...invokeMembers((method, args) => dispatcher.dispatch(method, structuredClone(args), ctx)),
    onRunEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onImportRequest: () => () => undefined,
  } satisfies PlaygroundApi;
};
