import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { acquireDataLock } from '../core/data-lock';
import { createDispatcher } from '../core/dispatcher';
import { createHistoryStore } from '../core/history';
import { systemClock } from '../core/provider';
import { createKnownSecrets } from '../core/secrets/known-secrets';
import { createMemorySecretStore } from '../core/secrets/memory-secret-store';
import { createLocalEngine, spawnModelWorker } from '../core/local';
import { createPlaygroundService } from '../core/service';
import { createConfStore } from '../core/stores';
import type { WebCliOptions } from './cli-options';
import { createWebServer, type WebServer } from './server';
import { createStderrLogger } from './web-logger';

/** A running web mode. */
export interface WebMode {
  server: WebServer;
  /** The one line printed on start: `r9s Playground web: http://127.0.0.1:<port>/?token=<token>`. */
  line: string;
  stop(): Promise<void>;
}

/**
 * Web mode's composition root (docs/architecture.md#composition-root): the data folder's lock first (a second
 * process on the same folder would overwrite this one's data, docs/architecture.md#data-is-sacred), then conf
 * settings, file history, memory-only keys (web mode has no OS vault, docs/architecture.md#secret-store), the real
 * provider over global fetch, the dispatcher and the HTTP server, in that order. Throws the one line to print when
 * web mode cannot start.
 */
export const startWebMode = async (options: WebCliOptions, staticDir: string): Promise<WebMode> => {
  const locked = acquireDataLock(options.dataDir, 'web mode');
  if (!locked.ok) throw new Error(locked.message);
  const { lock } = locked;
  try {
    const knownSecrets = createKnownSecrets();
    const logger = createStderrLogger({ verbose: options.verbose, knownSecrets: knownSecrets.list });
    if (lock.notice) logger.warn(lock.notice);
    const service = createPlaygroundService({
      fetch: globalThis.fetch,
      clock: systemClock,
      secrets: createMemorySecretStore(),
      openStore: createConfStore(options.dataDir),
      history: createHistoryStore({
        dir: join(options.dataDir, 'history'),
        onError: (error) => logger.error('history: write failed', { error: String(error).slice(0, 300) }),
      }),
      env: {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(options.localModel ? { localModel: options.localModel } : {}),
        autoCheck: options.autoCheck ?? true,
      },
      // Nothing starts until a local profile is used: without node-llama-cpp (or its binary) only local runs fail.
      localEngine: createLocalEngine({
        spawnWorker: spawnModelWorker(new URL('./local-model-worker.js', import.meta.url), { gpu: 'auto' }),
        logger,
      }),
      spawnEstimateWorker: () => new Worker(new URL('./token-estimate-worker.js', import.meta.url)),
      logger,
      knownSecrets,
      ...(lock.notice ? { notices: [lock.notice] } : {}),
    });
    // A fresh token per launch: only a page opened from the printed URL can call the API.
    const token = randomBytes(32).toString('base64url');
    const server = await createWebServer({
      dispatcher: createDispatcher(service, logger),
      service,
      staticDir,
      token,
      host: '127.0.0.1',
      port: options.port,
      logger,
    }).catch(async (error: unknown) => {
      await service.shutdown();
      throw error;
    });
    return {
      server,
      line: `r9s Playground web: ${server.url}/?token=${token}`,
      async stop() {
        try {
          await server.close();
          await service.shutdown();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
};
