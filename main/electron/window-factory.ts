/**
 * docs/architecture.md#hardened-window: every window comes from this one factory, hardened the same way — sandboxed
 * renderer with context isolation and no Node, window.open denied (http/https links go to the OS browser after
 * parsing), navigation blocked, permissions denied, a strict CSP. Structural types keep it testable without the
 * Electron binary.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/ports';
import type { RendererLocation, TrustedSenders } from './trusted-sender';
import { isOurRendererUrl } from './trusted-sender';
import { MIN_SIZE, type WindowBounds } from './window-state';

/** Electron's window options, re-exported so tests need not import `electron`. */
export type WindowOptions = BrowserWindowConstructorOptions;

/** Returns the normalized URL if it may be opened in the OS browser: http(s) only, no embedded credentials. */
export function toExternalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !url.hostname) return undefined;
  return url.href;
}

/** The WebContents members the hardening touches. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-attach-webview',
    listener: (event: { preventDefault(): void }) => void,
  ): unknown;
}

/** Denies new windows (opening safe links externally), blocks navigation and webview attachment. */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => Promise<void>,
  logger?: Logger,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = toExternalUrl(url);
    if (external) {
      openExternal(external).catch((error: unknown) =>
        logger?.warn('Could not open a link', { error: String(error) }),
      );
    } else {
      logger?.warn('Blocked a window.open', { url: url.slice(0, 200) });
    }
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The Session members the hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { resourceType: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Whether a permission is granted: only sanitized clipboard writes ("Copy share code") from our own page; every other
 * request — camera, notifications, geolocation, clipboard reads… — is denied.
 */
export function isPermissionGranted(permission: string, url: string, renderer: RendererLocation): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  // A check hands over an origin (`app://playground`), a request the page's URL: both are on our origin.
  return isOurRendererUrl(url, renderer);
}

/** Denies permission requests and checks, and adds the CSP header to every document response. */
export function hardenSession(session: HardenableSession, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl ?? '', renderer)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isPermissionGranted(permission, origin, renderer),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    // The same policy as the meta tag of renderer/index.html and the app:// handler (tests keep them equal);
    // written out here so static audits (Electronegativity) evaluate the header actually sent. It reaches
    // http(s) documents (the dev server): a custom protocol's responses never pass this hook.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}

/** The BrowserWindow members the factory uses. */
export interface BrowserWindowLike {
  webContents: HardenableContents & {
    id: number;
    once(event: 'destroyed', listener: () => void): unknown;
  };
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  maximize(): void;
  loadURL(url: string): Promise<void>;
}

/** What the factory needs; `BrowserWindow` is Electron's class in the app, a fake in tests. */
export interface WindowFactoryDeps<W extends BrowserWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  openExternal: (url: string) => Promise<void>;
  preloadPath: string;
  renderer: RendererLocation;
  trusted: TrustedSenders;
  logger?: Logger;
}

/**
 * Creates, hardens, registers as a trusted sender, and loads the main window. Every security option is spelled out
 * rather than left to a default, in a literal at the constructor call so static audits see exactly what is used.
 */
export function createMainWindow<W extends BrowserWindowLike>(
  deps: WindowFactoryDeps<W>,
  bounds: WindowBounds,
): W {
  const { BrowserWindow } = deps;
  const win = new BrowserWindow({
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'r9s Playground',
    backgroundColor: '#111318',
    webPreferences: {
      preload: deps.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise try to open a link in a new window (denied anyway, see hardenWebContents).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
    },
  });
  hardenWebContents(win.webContents, deps.openExternal, deps.logger);
  deps.trusted.add(win.webContents);
  win.once('ready-to-show', () => {
    if (bounds.maximized) win.maximize();
    win.show();
  });
  win
    .loadURL(deps.renderer.url)
    .catch((error: unknown) => deps.logger?.error('The window failed to load', { error: String(error) }));
  return win;
}
