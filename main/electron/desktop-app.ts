/**
 * The desktop composition (docs/architecture.md#composition-root): everything main.ts does, over structural Electron
 * objects so a test can drive it. Order on start: single-instance lock, the app:// scheme's privileges and deep-link
 * listeners, then — once the app is ready — build the core with Electron adapters, register IPC, set the menu,
 * session policy, the app:// handler and the guard on every WebContents, and only then create the window. Nothing
 * here registers on import.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PUSH_CHANNELS } from '../../shared/channels';
import { acquireDataLock } from '../core/data-lock';
import { createDispatcher } from '../core/dispatcher';
import { createHistoryStore } from '../core/history';
import type { FetchLike } from '../core/ports';
import { createLocalEngine, spawnModelWorker } from '../core/local';
import { createKnownSecrets } from '../core/secrets/known-secrets';
import { systemClock } from '../core/provider/clock';
import { createPlaygroundService, type PlaygroundService } from '../core/service';
import { buildMenuTemplate } from './app-menu';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  createAppProtocolHandler,
  registerAppScheme,
  type ProtocolLike,
} from './app-protocol';
import { createFolderPicker, createModelFilePicker, type ShowOpenDialog } from './folder-picker';
import { createImportRequestRouter, DEEP_LINK_PROTOCOL, findDeepLinkCode, parseDeepLink } from './deep-link';
import {
  createElectronStoreOpener,
  openPlainElectronStore,
  type MakeElectronStore,
} from './electron-json-store';
import { registerIpc, type IpcMainLike, type WebContentsLike } from './ipc-adapter';
import { createFileLogWrite, createRedactingLogger } from './logger';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
import { createTrustedSenders, isOurRendererUrl, type RendererLocation } from './trusted-sender';
import { guardAllWebContents, type GuardableContents } from './web-contents-guard';
import {
  createMainWindow,
  hardenSession,
  type BrowserWindowLike,
  type HardenableSession,
} from './window-factory';
import { loadWindowBounds, trackWindowBounds, type Rect, type StatefulWindowLike } from './window-state';

/** An event whose default can be prevented (open-url, will-quit). */
interface PreventableEvent {
  preventDefault(): void;
}

/** The `app` members used. */
export interface AppLike {
  isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData' | 'logs'): string;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown;
}

/** The window as the desktop shell uses it. */
export interface DesktopWindowLike extends BrowserWindowLike, StatefulWindowLike {
  webContents: BrowserWindowLike['webContents'] &
    WebContentsLike & { on(event: 'did-finish-load', listener: () => void): unknown };
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  on(event: 'close' | 'closed', listener: () => void): unknown;
}

/** The Electron modules, as plain objects (main.ts passes the real ones). */
export interface ElectronLike {
  app: AppLike;
  ipcMain: IpcMainLike;
  safeStorage: SafeStorageLike;
  /** Over `net.request` (see net-fetch.ts), so requests go through the system proxy settings. */
  fetch: FetchLike;
  protocol: ProtocolLike;
  defaultSession: () => HardenableSession;
  workAreas: () => Rect[];
  setApplicationMenu(template: MenuItemConstructorOptions[]): void;
  openExternal: (url: string) => Promise<void>;
  /** `dialog.showErrorBox`: the one message of an app that cannot start. */
  showErrorBox(title: string, content: string): void;
  /** `dialog.showOpenDialog`: the team folder's and the model file's pickers. */
  showOpenDialog: ShowOpenDialog<DesktopWindowLike>;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => DesktopWindowLike;
  makeStore: MakeElectronStore;
}

/** The process facts the shell depends on. */
export interface DesktopProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  /** True when run as `electron .` (development): the protocol handler must name the app path. */
  defaultApp: boolean;
  execPath: string;
}

/** Where the renderer loads from: the dev server only in an unpackaged app, else the built files over app://. */
export function resolveRendererLocation(mainDir: string, isPackaged: boolean, env: DesktopProcess['env']) {
  const dev = isPackaged ? undefined : env.ELECTRON_RENDERER_URL;
  const location: RendererLocation = dev
    ? { kind: 'dev', url: dev }
    : { kind: 'app', url: APP_INDEX_URL, dir: join(mainDir, '../renderer') };
  return location;
}

/** The running shell, returned for tests and for main.ts's error handling. */
export interface DesktopShell {
  service: PlaygroundService;
  window(): DesktopWindowLike | undefined;
}

/** Starts the desktop app; resolves undefined in a second instance (which hands its argv over and quits). */
export async function startDesktop(
  electron: ElectronLike,
  proc: DesktopProcess,
): Promise<DesktopShell | undefined> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  // Electron takes a scheme's privileges only before the app is ready.
  registerAppScheme(electron.protocol);
  if (proc.defaultApp && proc.argv[1]) {
    app.setAsDefaultProtocolClient(DEEP_LINK_PROTOCOL, proc.execPath, [proc.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_PROTOCOL);
  }

  let win: DesktopWindowLike | undefined;
  const imports = createImportRequestRouter(PUSH_CHANNELS.onImportRequest);
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const firstCode = findDeepLinkCode(proc.argv);
  if (firstCode) imports.request(firstCode);
  app.on('second-instance', (_event, argv) => {
    const code = findDeepLinkCode(argv);
    if (code) imports.request(code);
    focus();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const code = parseDeepLink(url);
    if (code) imports.request(code);
    focus();
  });

  await app.whenReady();

  // 1. The core, with Electron adapters, once this process owns the data folder (web mode may run on it).
  const userData = app.getPath('userData');
  const locked = acquireDataLock(userData, 'desktop app');
  if (!locked.ok) {
    electron.showErrorBox('r9s Playground cannot start', `r9s Playground: ${locked.message}`);
    app.quit();
    return undefined;
  }
  const { lock } = locked;
  const apiKey = proc.env.R9S_API_KEY;
  // Every key the service sees (each profile's, the environment's) is redacted from the log as well.
  const knownSecrets = createKnownSecrets();
  const logger = createRedactingLogger(
    createFileLogWrite(join(app.getPath('logs'), 'main.log')),
    knownSecrets.list,
  );
  const secretsFile = openPlainElectronStore(userData, 'secrets', electron.makeStore);
  const windowFile = openPlainElectronStore(userData, 'window-state', electron.makeStore);
  for (const notice of [secretsFile.notice, windowFile.notice]) if (notice) logger.warn(notice);
  const service = createPlaygroundService({
    fetch: electron.fetch,
    clock: systemClock,
    secrets: createSafeStorageSecretStore({
      safeStorage: electron.safeStorage,
      store: secretsFile.store,
      platform: proc.platform,
      logger,
    }),
    openStore: createElectronStoreOpener(userData, electron.makeStore),
    history: createHistoryStore({
      dir: join(userData, 'history'),
      onError: (error) => logger.error('history: write failed', { error: String(error).slice(0, 300) }),
    }),
    env: {
      ...(proc.env.R9S_BASE_URL ? { baseUrl: proc.env.R9S_BASE_URL } : {}),
      ...(apiKey ? { apiKey } : {}),
      ...(proc.env.R9S_LOCAL_MODEL ? { localModel: proc.env.R9S_LOCAL_MODEL } : {}),
      autoCheck: proc.env.R9S_AUTO_CHECK?.trim() !== '0',
    },
    // The built worker sits beside the main bundle; nothing starts until a local profile is used, so the app runs
    // without node-llama-cpp (or with a binary that fails to load) and only local runs report it.
    localEngine: createLocalEngine({
      spawnWorker: spawnModelWorker(pathToFileURL(join(proc.mainDir, 'local-model-worker.js')), {
        gpu: 'auto',
      }),
      logger,
    }),
    spawnEstimateWorker: () => new Worker(pathToFileURL(join(proc.mainDir, 'token-estimate-worker.js'))),
    logger,
    ...(lock.notice ? { notices: [lock.notice] } : {}),
    knownSecrets,
    pickFolder: createFolderPicker(electron.showOpenDialog, () => win),
    pickModelFile: createModelFilePicker(electron.showOpenDialog, () => win),
  });

  // 2. IPC, behind the trusted-sender check.
  const renderer = resolveRendererLocation(proc.mainDir, app.isPackaged, proc.env);
  const trusted = createTrustedSenders(renderer);
  registerIpc(electron.ipcMain, createDispatcher(service, logger), service, trusted.isTrusted, logger);
  electron.setApplicationMenu(buildMenuTemplate(proc.platform, app.isPackaged));
  hardenSession(electron.defaultSession(), renderer);
  if (renderer.kind === 'app') electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(renderer.dir));
  guardAllWebContents(app, (url) => isOurRendererUrl(url, renderer), logger);

  // 3. The window.
  const createWindow = () => {
    const bounds = loadWindowBounds(windowFile.store, electron.workAreas());
    const created = createMainWindow(
      {
        BrowserWindow: electron.BrowserWindow,
        openExternal: electron.openExternal,
        preloadPath: join(proc.mainDir, '../preload/index.cjs'),
        renderer,
        trusted,
        logger,
      },
      bounds,
    );
    trackWindowBounds(created, windowFile.store);
    created.webContents.on('did-finish-load', () => imports.attach(created.webContents));
    created.on('closed', () => {
      imports.detach();
      if (win === created) win = undefined;
    });
    win = created;
  };
  createWindow();

  app.on('activate', () => {
    if (!win) createWindow();
  });
  app.on('window-all-closed', () => {
    if (proc.platform !== 'darwin') app.quit();
  });
  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    // Let running runs end as `interrupted`/`cancelled` in history and the draft reach disk, then quit for real.
    event.preventDefault();
    shutDown = true;
    service
      .shutdown()
      .catch((error: unknown) => logger.error('shutdown failed', { error: String(error) }))
      .finally(() => {
        lock.release();
        app.quit();
      });
  });
  return { service, window: () => win };
}
