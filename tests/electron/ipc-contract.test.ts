/**
 * Transport (c) of the contract suite: the real service with the Electron adapters (safeStorage
 * secret store over a fake safeStorage, the electron-store opener over conf), reached through the REAL ipc-adapter
 * and the REAL preload factory, over a fake ipcMain/ipcRenderer pair that structured-clones like Electron's IPC.
 */
import Conf from 'conf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../../main/core/dispatcher';
import { createHistoryStore } from '../../main/core/history';
import { systemClock } from '../../main/core/provider/clock';
import { createPlaygroundService } from '../../main/core/service';
import {
  createElectronStoreOpener,
  openPlainElectronStore,
  type MakeElectronStore,
} from '../../main/electron/electron-json-store';
import { registerIpc } from '../../main/electron/ipc-adapter';
import { createPreloadApi } from '../../main/electron/preload-api';
import { createSafeStorageSecretStore } from '../../main/electron/safe-storage-secret-store';
import { createTrustedSenders } from '../../main/electron/trusted-sender';
import { CONTRACT_TEST_KEY, createRecordingLogger } from '../contract/contract-harness';
import { runContractSuite } from '../contract/contract-suite';
import { startFakeServer } from '../support/fake-openai-server';
import { createFakeIpcRenderer, FakeAsyncSafeStorage, FakeIpcMain, FakeWebContents } from './fakes';

const INDEX = 'app://playground/index.html';
const makeStore: MakeElectronStore = ({ name, ...rest }) =>
  new Conf<Record<string, unknown>>({ ...rest, configName: name });

runContractSuite('IPC loopback (ipc-adapter + preload factory)', async () => {
  const fake = await startFakeServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'r9s-ipc-contract-'));
  const logger = createRecordingLogger();
  const service = createPlaygroundService({
    fetch: globalThis.fetch,
    clock: systemClock,
    secrets: createSafeStorageSecretStore({
      safeStorage: new FakeAsyncSafeStorage(),
      store: openPlainElectronStore(dataDir, 'secrets', makeStore).store,
      platform: 'linux',
      logger,
    }),
    openStore: createElectronStoreOpener(dataDir, makeStore),
    history: createHistoryStore({ dir: join(dataDir, 'history') }),
    env: { baseUrl: fake.url, apiKey: CONTRACT_TEST_KEY },
    logger,
  });
  const ipcMain = new FakeIpcMain();
  const trusted = createTrustedSenders({ kind: 'app', url: INDEX, dir: '/app/out/renderer' });
  const unregister = registerIpc(
    ipcMain,
    createDispatcher(service, logger),
    service,
    trusted.isTrusted,
    logger,
  );
  /** A window of our own: a trusted WebContents with its own preload. */
  const openWindow = () => {
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    return createPreloadApi(createFakeIpcRenderer(ipcMain, contents));
  };
  return {
    api: openWindow(),
    openPage: openWindow,
    fake,
    dataDir,
    async close() {
      unregister();
      await service.shutdown();
      await fake.close();
      const leaked = logger.lines.filter((line) => line.includes(CONTRACT_TEST_KEY));
      if (leaked.length > 0) throw new Error(`the key reached the log: ${leaked.join(' | ')}`);
    },
  };
});
