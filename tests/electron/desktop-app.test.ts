/**
 * The composition root, driven end to end with structural Electron objects: the real core, real stores on disk,
 * the real IPC adapter, window factory and deep-link routing. Only the Electron binary is missing.
 */
import Conf from 'conf';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, INVOKE_METHODS, PUSH_CHANNELS } from '../../shared/channels';
import type { Result } from '../../shared/result';
import { LOCK_FILE } from '../../main/core/data-lock';
import {
  resolveRendererLocation,
  startDesktop,
  type DesktopProcess,
  type DesktopShell,
  type ElectronLike,
} from '../../main/electron/desktop-app';
import type { FolderDialogOptions } from '../../main/electron/folder-picker';
import type { HardenableSession, WindowOptions } from '../../main/electron/window-factory';
import { FakeAsyncSafeStorage, FakeIpcMain, FakeWebContents } from './fakes';

const MAIN_DIR = '/app/out/main';
const INDEX = 'app://playground/index.html';
const tick = () => new Promise((resolve) => setImmediate(resolve));

class FakeApp extends EventEmitter {
  isPackaged = true;
  gotLock = true;
  quits = 0;
  protocolClients: unknown[][] = [];
  constructor(private readonly dir: string) {
    super();
  }
  requestSingleInstanceLock = () => this.gotLock;
  setAsDefaultProtocolClient = (...args: unknown[]) => {
    this.protocolClients.push(args);
    return true;
  };
  whenReady = () => Promise.resolve();
  getPath = (name: string) => join(this.dir, name);
  quit = () => void (this.quits += 1);
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents(INDEX);
  readonly loaded: string[] = [];
  minimized = true;
  calls: string[] = [];
  bounds = { x: 40, y: 30, width: 1000, height: 700 };
  constructor(readonly options: WindowOptions) {
    super();
  }
  show = () => void this.calls.push('show');
  focus = () => void this.calls.push('focus');
  restore = () => void this.calls.push('restore');
  maximize = () => void this.calls.push('maximize');
  isMinimized = () => this.minimized;
  isMaximized = () => false;
  getNormalBounds = () => this.bounds;
  loadURL = (url: string) => {
    this.loaded.push(url);
    return Promise.resolve();
  };
  /** What Electron does when the user closes the window. */
  close() {
    this.emit('close');
    this.webContents.destroy();
    this.emit('closed');
  }
}

const dirs: string[] = [];
const shells: DesktopShell[] = [];
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.service.shutdown();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake Electron whose every step appends to `order`. */
const fakeElectron = (dir = mkdtempSync(join(tmpdir(), 'r9s-desktop-'))) => {
  if (!dirs.includes(dir)) dirs.push(dir);
  const order: string[] = [];
  const app = new FakeApp(dir);
  const ipcMain = new FakeIpcMain();
  const handle = ipcMain.handle.bind(ipcMain);
  ipcMain.handle = (channel, listener) => {
    if (!order.includes('ipc')) order.push('ipc');
    handle(channel, listener);
  };
  const windows: FakeWindow[] = [];
  const errorBoxes: string[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const schemes: unknown[] = [];
  /** Each folder dialog shown: its parent window and options; `pickedFolder` is what the user picks (none: cancel). */
  const folderDialogs: { parent: unknown; options: FolderDialogOptions }[] = [];
  const picker = { pickedFolder: undefined as string | undefined };
  const session: HardenableSession = {
    setPermissionRequestHandler: () => void order.push('permissions'),
    setPermissionCheckHandler: () => undefined,
    webRequest: { onHeadersReceived: () => void order.push('csp') },
  };
  const electron: ElectronLike = {
    app,
    ipcMain,
    safeStorage: new FakeAsyncSafeStorage(),
    fetch: globalThis.fetch,
    protocol: {
      registerSchemesAsPrivileged: (list) => {
        order.push('scheme');
        schemes.push(...list);
      },
      handle: (scheme, handler) => {
        order.push(`protocol:${scheme}`);
        protocolHandlers.set(scheme, handler);
      },
    },
    defaultSession: () => session,
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    setApplicationMenu: () => void order.push('menu'),
    openExternal: () => Promise.resolve(),
    showErrorBox: (title, content) => void errorBoxes.push(`${title}: ${content}`),
    showOpenDialog: (parent, options) => {
      folderDialogs.push({ parent, options });
      const path = picker.pickedFolder;
      return Promise.resolve({ canceled: path === undefined, filePaths: path === undefined ? [] : [path] });
    },
    BrowserWindow: class extends FakeWindow {
      constructor(options: WindowOptions) {
        super(options);
        order.push('window');
        windows.push(this);
      }
    },
    makeStore: ({ name, ...rest }) => {
      order.push(`store:${name}`);
      return new Conf<Record<string, unknown>>({ ...rest, configName: name });
    },
  };
  return {
    electron,
    app,
    ipcMain,
    windows,
    order,
    dir,
    errorBoxes,
    protocolHandlers,
    schemes,
    folderDialogs,
    picker,
  };
};

const proc = (over: Partial<DesktopProcess> = {}): DesktopProcess => ({
  argv: ['/opt/r9s/r9s-playground'],
  env: {},
  platform: 'linux',
  mainDir: MAIN_DIR,
  defaultApp: false,
  execPath: '/opt/r9s/r9s-playground',
  ...over,
});

const start = async (f: ReturnType<typeof fakeElectron>, p = proc()) => {
  const shell = await startDesktop(f.electron, p);
  if (shell) shells.push(shell);
  return shell;
};

describe('startDesktop (the composition root)', () => {
  it('builds the core, then registers IPC, then sets menu and session policy, then creates the window', async () => {
    const f = fakeElectron();
    await start(f);
    expect(f.order).toEqual([
      'scheme',
      'store:secrets',
      'store:window-state',
      'store:settings',
      'store:presets',
      'store:cases',
      'ipc',
      'menu',
      'permissions',
      'csp',
      'protocol:app',
      'window',
    ]);
    expect([...f.ipcMain.handlers.keys()]).toHaveLength(INVOKE_METHODS.length);
    const win = f.windows[0]!;
    expect(win.loaded).toEqual([INDEX]);
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
    });
    expect(f.app.protocolClients).toEqual([['r9s-playground']]);
  });

  it('serves the renderer over the privileged app:// scheme from out/renderer, and guards every WebContents', async () => {
    const f = fakeElectron();
    const out = join(f.dir, 'out');
    mkdirSync(join(out, 'renderer'), { recursive: true });
    writeFileSync(join(out, 'renderer', 'index.html'), '<!doctype html><title>ours</title>');
    await start(f, proc({ mainDir: join(out, 'main') }));
    expect(f.schemes).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
          codeCache: true,
        },
      },
    ]);
    const page = await f.protocolHandlers.get('app')!(new Request(INDEX));
    expect(await page.text()).toBe('<!doctype html><title>ours</title>');
    expect(f.windows[0]!.loaded).toEqual([INDEX]);
    // A WebContents created later (ours or not) may not leave our origin.
    const other = new FakeWebContents('app://playground/index.html');
    f.app.emit('web-contents-created', {}, other);
    let prevented = false;
    other.emit('will-frame-navigate', {
      url: 'https://evil.example/',
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
  });

  it('serves IPC from its window and refuses other WebContents', async () => {
    const f = fakeElectron();
    await start(f);
    const win = f.windows[0]!;
    const settings = (await f.ipcMain.invokeFrom(
      win.webContents,
      win.webContents.mainFrame,
      INVOKE_CHANNELS.getSettings,
    )) as Result<{ profiles: { id: string }[] }>;
    expect(settings.ok && settings.value.profiles.map((p) => p.id)).toEqual(['r9s']);
    const stranger = new FakeWebContents(INDEX);
    const refused = (await f.ipcMain.invokeFrom(
      stranger,
      stranger.mainFrame,
      INVOKE_CHANNELS.getSettings,
    )) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { kind: 'permission_denied' } });
  });

  it('answers chooseTeamFolder with the OS folder dialog over its window', async () => {
    const f = fakeElectron();
    await start(f);
    const win = f.windows[0]!;
    const choose = () =>
      f.ipcMain.invokeFrom(
        win.webContents,
        win.webContents.mainFrame,
        INVOKE_CHANNELS.chooseTeamFolder,
      ) as Promise<Result<{ path?: string; canPickFolder: boolean } | null>>;
    expect(await choose()).toEqual({ ok: true, value: null });
    const team = mkdtempSync(join(tmpdir(), 'r9s-desktop-team-'));
    dirs.push(team);
    f.picker.pickedFolder = team;
    expect(await choose()).toMatchObject({ ok: true, value: { path: team, canPickFolder: true } });
    expect(f.folderDialogs).toHaveLength(2);
    expect(f.folderDialogs[0]!.parent).toBe(win);
    expect(f.folderDialogs[0]!.options.properties).toContain('openDirectory');
  });

  it('answers chooseLocalModelFile with the OS file dialog over its window, offering .gguf files', async () => {
    const f = fakeElectron();
    await start(f);
    const win = f.windows[0]!;
    const choose = () =>
      f.ipcMain.invokeFrom(
        win.webContents,
        win.webContents.mainFrame,
        INVOKE_CHANNELS.chooseLocalModelFile,
      ) as Promise<Result<string | null>>;
    expect(await choose()).toEqual({ ok: true, value: null });
    f.picker.pickedFolder = '/models/tiny.gguf';
    expect(await choose()).toEqual({ ok: true, value: '/models/tiny.gguf' });
    expect(f.folderDialogs).toHaveLength(2);
    expect(f.folderDialogs[0]!.parent).toBe(win);
    expect(f.folderDialogs[0]!.options.properties).toEqual(['openFile']);
    expect(f.folderDialogs[0]!.options.filters?.[0]).toEqual({ name: 'GGUF models', extensions: ['gguf'] });
    const check = (await f.ipcMain.invokeFrom(
      win.webContents,
      win.webContents.mainFrame,
      INVOKE_CHANNELS.checkLocalEngine,
    )) as Result<{ canPickFile: boolean }>;
    expect(check.ok && check.value.canPickFile).toBe(true);
  });

  it('in a second instance, quits at once without registering or opening anything', async () => {
    const f = fakeElectron();
    f.app.gotLock = false;
    expect(await start(f)).toBeUndefined();
    expect(f.app.quits).toBe(1);
    expect(f.order).toEqual([]);
  });

  it('refuses a data folder another process holds, in one dialog, before opening any store', async () => {
    const f = fakeElectron();
    const userData = join(f.dir, 'userData');
    mkdirSync(userData, { recursive: true });
    // Web mode running on the same folder: a live process (our parent) on this machine.
    const holder = { pid: process.ppid, startedAt: Date.now(), kind: 'web mode', hostname: hostname() };
    writeFileSync(join(userData, LOCK_FILE), JSON.stringify(holder));
    expect(await start(f)).toBeUndefined();
    expect(f.errorBoxes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^r9s Playground cannot start: r9s Playground: the data folder ${userData} is in use by .*web mode, pid ${process.ppid}`,
        ),
      ),
    ]);
    expect(f.app.quits).toBe(1);
    // Only the app:// scheme's privileges, which Electron requires before ready: no store, IPC or window.
    expect(f.order).toEqual(['scheme']);
  });

  it('holds the data folder while running and lets it go when it quits', async () => {
    const f = fakeElectron();
    await start(f);
    const lock = join(f.dir, 'userData', LOCK_FILE);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, kind: 'desktop app' });
    f.app.emitPreventable('will-quit');
    for (let i = 0; i < 20 && f.app.quits < 1; i += 1) await tick();
    expect(existsSync(lock)).toBe(false);
  });

  it('delivers a first-launch deep link once the page has loaded', async () => {
    const f = fakeElectron();
    await start(f, proc({ argv: ['/opt/r9s/r9s-playground', 'r9s-playground://import?code=Zm9v'] }));
    const contents = f.windows[0]!.webContents;
    expect(contents.sent).toEqual([]);
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: PUSH_CHANNELS.onImportRequest, args: ['Zm9v'] }]);
  });

  it('focuses the window on a second launch and hands over its deep link; ignores invalid links', async () => {
    const f = fakeElectron();
    await start(f);
    const win = f.windows[0]!;
    win.webContents.emit('did-finish-load');
    f.app.emit('second-instance', {}, ['/opt/r9s/r9s-playground', 'r9s-playground://import?code=YmFy']);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    f.app.emit('second-instance', {}, ['/opt/r9s/r9s-playground', 'r9s-playground://import?code=<script>']);
    expect(win.webContents.sent).toEqual([{ channel: PUSH_CHANNELS.onImportRequest, args: ['YmFy'] }]);
  });

  it('handles macOS open-url links', async () => {
    const f = fakeElectron();
    await start(f, proc({ platform: 'darwin' }));
    const win = f.windows[0]!;
    win.webContents.emit('did-finish-load');
    expect(f.app.emitPreventable('open-url', 'r9s-playground://import?code=cXV4')).toBe(true);
    expect(win.webContents.sent).toEqual([{ channel: PUSH_CHANNELS.onImportRequest, args: ['cXV4'] }]);
  });

  it('registers the protocol with the app path when run as `electron .`', async () => {
    const f = fakeElectron();
    await start(
      f,
      proc({ defaultApp: true, argv: ['/usr/bin/electron', '/src/app'], execPath: '/usr/bin/electron' }),
    );
    expect(f.app.protocolClients).toEqual([['r9s-playground', '/usr/bin/electron', ['/src/app']]]);
  });

  it('remembers the window bounds for the next launch and re-creates the window on activate', async () => {
    const f = fakeElectron();
    const shell = await start(f, proc({ platform: 'darwin' }));
    f.windows[0]!.close();
    expect(shell!.window()).toBeUndefined();
    f.app.emit('window-all-closed');
    expect(f.app.quits).toBe(0);
    f.app.emit('activate');
    expect(f.windows).toHaveLength(2);
    expect(f.windows[1]!.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
  });

  it('quits when the last window closes off macOS, shutting the service down first', async () => {
    const f = fakeElectron();
    await start(f);
    f.windows[0]!.close();
    f.app.emit('window-all-closed');
    expect(f.app.quits).toBe(1);
    expect(f.app.emitPreventable('will-quit')).toBe(true);
    for (let i = 0; i < 20 && f.app.quits < 2; i += 1) await tick();
    expect(f.app.quits).toBe(2);
    expect(f.app.emitPreventable('will-quit')).toBe(false);
  });
});

describe('resolveRendererLocation', () => {
  it('uses the dev server only in an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(resolveRendererLocation(MAIN_DIR, false, env)).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    });
    const built = { kind: 'app', url: INDEX, dir: '/app/out/renderer' };
    expect(resolveRendererLocation(MAIN_DIR, true, env)).toEqual(built);
    expect(resolveRendererLocation(MAIN_DIR, false, {})).toEqual(built);
  });
});
