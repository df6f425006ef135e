import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTrustedSenders, type RendererLocation } from '../../main/electron/trusted-sender';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isPermissionGranted,
  toExternalUrl,
  type HardenableSession,
  type WindowOptions,
} from '../../main/electron/window-factory';
import { DEFAULT_BOUNDS, type WindowBounds } from '../../main/electron/window-state';
import { FakeWebContents } from './fakes';

const INDEX = 'app://playground/index.html';
const renderer: RendererLocation = { kind: 'app', url: INDEX, dir: '/app/out/renderer' };

/** A BrowserWindow stand-in: keeps its options, fires ready-to-show on demand, records loads. */
class FakeBrowserWindow {
  readonly webContents = new FakeWebContents(INDEX);
  readonly loaded: string[] = [];
  shown = 0;
  maximized = 0;
  private readonly listeners = new Map<string, () => void>();
  constructor(readonly options: WindowOptions) {}
  once(event: 'ready-to-show', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  fire(event: string) {
    this.listeners.get(event)?.();
  }
  show() {
    this.shown += 1;
  }
  maximize() {
    this.maximized += 1;
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

const makeWindow = (bounds: WindowBounds = DEFAULT_BOUNDS) => {
  const trusted = createTrustedSenders(renderer);
  const opened: string[] = [];
  const win = createMainWindow(
    {
      BrowserWindow: FakeBrowserWindow,
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      preloadPath: '/app/out/preload/index.cjs',
      renderer,
      trusted,
    },
    bounds,
  );
  return { win, trusted, opened };
};

describe('createMainWindow options', () => {
  const prefs = makeWindow().win.options.webPreferences!;
  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['disableBlinkFeatures', 'Auxclick'],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('loads the sandboxed CommonJS preload and grants nothing extra', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(Object.keys(prefs)).not.toContain('additionalArguments');
    expect(Object.keys(prefs)).not.toContain('enableBlinkFeatures');
  });

  it('restores position only when known, and starts hidden until ready', () => {
    const placed = makeWindow({ x: 10, y: 20, width: 900, height: 700, maximized: false }).win.options;
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false });
    expect(makeWindow().win.options.x).toBeUndefined();
  });

  it('hardens its WebContents, trusts it, loads our page and shows it (maximized if it was) when ready', () => {
    const { win, trusted, opened } = makeWindow({ ...DEFAULT_BOUNDS, maximized: true });
    expect(win.webContents.windowOpenHandler!({ url: 'https://r9s.ai/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://r9s.ai/']);
    expect(win.webContents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(trusted.isTrusted({ sender: win.webContents, senderFrame: win.webContents.mainFrame })).toBe(true);
    expect(win.loaded).toEqual([INDEX]);
    expect(win.shown).toBe(0);
    win.fire('ready-to-show');
    expect([win.shown, win.maximized]).toEqual([1, 1]);
  });
});

describe('toExternalUrl', () => {
  it('allows http and https only, after parsing', () => {
    expect(toExternalUrl('https://r9s.ai/docs')).toBe('https://r9s.ai/docs');
    expect(toExternalUrl('http://example.com')).toBe('http://example.com/');
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'r9s-playground://import?code=x',
      'https://user:pw@evil.example/',
      'not a url',
      '',
    ]) {
      expect(toExternalUrl(bad)).toBeUndefined();
    }
  });
});

describe('hardenWebContents', () => {
  const harden = () => {
    const contents = new FakeWebContents(INDEX);
    const opened: string[] = [];
    hardenWebContents(contents, (url) => {
      opened.push(url);
      return Promise.resolve();
    });
    return { contents, opened };
  };

  it('denies every window.open and opens only http(s) links in the OS browser', () => {
    const { contents, opened } = harden();
    for (const url of [
      'https://r9s.ai/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://localhost:1/x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://r9s.ai/', 'http://localhost:1/x']);
  });

  it('blocks navigation and webview attachment', () => {
    const { contents, opened } = harden();
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
    expect(opened).toEqual([]);
  });
});

describe('hardenSession', () => {
  const fakeSession = () => {
    const s = {
      request: undefined as Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined,
      check: undefined as Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined,
      headers: undefined as Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0] | undefined,
    };
    const session: HardenableSession = {
      setPermissionRequestHandler: (h) => (s.request = h),
      setPermissionCheckHandler: (h) => (s.check = h),
      webRequest: { onHeadersReceived: (l) => (s.headers = l) },
    };
    hardenSession(session, renderer);
    return s;
  };

  it('denies permission requests (camera, notifications, clipboard reads, …)', () => {
    const s = fakeSession();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      let granted: boolean | undefined;
      s.request!({}, permission, (g) => (granted = g), { requestingUrl: INDEX });
      expect(granted).toBe(false);
      expect(s.check!({}, permission, 'app://playground')).toBe(false);
    }
  });

  it('grants only sanitized clipboard writes, and only to our page', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', INDEX, renderer)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://playground', renderer)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', renderer)).toBe(false);
    // A file:// page is no longer ours: its origin is every local file's.
    expect(isPermissionGranted('clipboard-sanitized-write', 'file://', renderer)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'file:///tmp/x.html', renderer)).toBe(false);
  });

  it('adds the CSP header to documents and leaves other responses alone', () => {
    const s = fakeSession();
    let doc: unknown;
    s.headers!({ resourceType: 'mainFrame', responseHeaders: { 'X-A': ['1'] } }, (r) => (doc = r));
    expect(doc).toEqual({
      responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [expect.any(String)] },
    });
    let xhr: unknown;
    s.headers!({ resourceType: 'xhr', responseHeaders: {} }, (r) => (xhr = r));
    expect(xhr).toEqual({});
  });

  it('uses the same policy as the meta tag of renderer/index.html, which forbids talking to the provider', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    let header: string | undefined;
    fakeSession().headers!({ resourceType: 'mainFrame' }, (r) => {
      header = (r.responseHeaders?.['Content-Security-Policy'] as string[] | undefined)?.[0];
    });
    expect(header).toBe(meta);
    expect(header).toContain("default-src 'self'");
    expect(header).toContain("connect-src 'self'");
    expect(header).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
