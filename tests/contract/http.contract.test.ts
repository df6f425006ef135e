import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebServer } from '../../main/web/server';
// The contract must hold through the renderer's real bridge; it is plain fetch, no DOM.
// eslint-disable-next-line no-restricted-imports
import { createHttpBridge } from '../../renderer/bridge/http-bridge';
import { startFakeServer } from '../support/fake-openai-server';
import { createContractService } from './contract-harness';
import { runContractSuite } from './contract-suite';

// Transport (b): real HTTP on 127.0.0.1 through createWebServer and the http bridge.
runContractSuite('HTTP (web server + http bridge)', async () => {
  const fake = await startFakeServer();
  const harness = createContractService(fake.url);
  const staticDir = mkdtempSync(join(tmpdir(), 'r9s-static-'));
  const token = 'contract-token';
  const web = await createWebServer({
    dispatcher: harness.dispatcher,
    service: harness.service,
    staticDir,
    token,
    host: '127.0.0.1',
    port: 0,
  });
  return {
    api: createHttpBridge({ origin: web.url, token }),
    // Each bridge is a page of its own, with its own page id.
    openPage: () => createHttpBridge({ origin: web.url, token }),
    fake,
    dataDir: harness.dataDir,
    async close() {
      await web.close();
      await harness.service.shutdown();
      await fake.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
});
