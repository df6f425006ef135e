/** Builds the service over a temp dir and a memory history, so tests can inspect exactly what was recorded. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalEngine } from '../../main/core/local';
import type { Clock, FilePicker } from '../../main/core/ports';
import { systemClock } from '../../main/core/provider';
import { createMemorySecretStore } from '../../main/core/secrets/memory-secret-store';
import { createPlaygroundService, type ServiceDeps } from '../../main/core/service';
import { createConfStore } from '../../main/core/stores';
import { createRecordingLogger } from '../contract/contract-harness';
import { createMemoryHistoryStore } from '../support/memory-history-store';

/** A fresh data directory. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'r9s-service-'));

/** The service plus its fakes; pass the same `dir` again to simulate a relaunch. */
export const makeService = (options: {
  dir?: string;
  env?: { baseUrl?: string; apiKey?: string; localModel?: string; autoCheck?: boolean };
  clock?: Clock;
  /** The team folder's picker and timing. */
  team?: Pick<ServiceDeps, 'pickFolder' | 'teamFolderTiming'>;
  localEngine?: LocalEngine;
  pickModelFile?: FilePicker;
}) => {
  const dir = options.dir ?? tempDir();
  const history = createMemoryHistoryStore();
  const logger = createRecordingLogger();
  const service = createPlaygroundService({
    fetch: globalThis.fetch,
    clock: options.clock ?? systemClock,
    secrets: createMemorySecretStore(),
    openStore: createConfStore(dir),
    history,
    env: options.env ?? {},
    logger,
    ...options.team,
    ...(options.localEngine ? { localEngine: options.localEngine } : {}),
    ...(options.pickModelFile ? { pickModelFile: options.pickModelFile } : {}),
  });
  return { service, history, logger, dir, settingsPath: join(dir, 'settings.json') };
};
