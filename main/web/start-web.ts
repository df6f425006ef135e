import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../core/dispatcher';
import { createHistoryStore } from '../core/history';
import { systemClock } from '../core/provider';
import { createKnownSecrets } from '../core/secrets/known-secrets';
import { createMemorySecretStore } from '../core/secrets/memory-secret-store';
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
 * Web mode's composition root (docs/architecture.md#composition-root): conf settings, file history, memory-only keys
 * (web mode has no OS vault, docs/architecture.md#secret-store), the real provider over global fetch, the dispatcher
 * and the HTTP server, in that order.
 */
export const startWebMode = async (options: WebCliOptions, staticDir: string): Promise<WebMode> => {
  mkdirSync(options.dataDir, { recursive: true });
  const knownSecrets = createKnownSecrets();
  const logger = createStderrLogger({ verbose: options.verbose, knownSecrets: knownSecrets.list });
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
    },
    logger,
    knownSecrets,
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
  });
  return {
    server,
    line: `r9s Playground web: ${server.url}/?token=${token}`,
    async stop() {
      await server.close();
      await service.shutdown();
    },
  };
};
