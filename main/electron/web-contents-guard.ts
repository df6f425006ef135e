/**
 * An app-wide guard on every WebContents Electron creates, ours or not (a devtools page, anything a future change
 * opens): no <webview>, no frame navigating and no redirect leading anywhere but our own origin, no new windows.
 * The window factory hardens our window further; this catches what it never sees.
 */
import type { Logger } from '../core/ports';

/** A preventable navigation of any frame, or a redirect during one. */
interface NavigationDetails {
  url: string;
  preventDefault(): void;
}

/** The WebContents members the guard touches. */
export interface GuardableContents {
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'will-frame-navigate' | 'will-redirect', listener: (details: NavigationDetails) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The app member the guard registers on. */
export interface GuardableApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown;
}

/** Guards every WebContents from now on; `isOurs` says whether a URL is on our renderer's origin. */
export function guardAllWebContents(
  app: GuardableApp,
  isOurs: (url: string) => boolean,
  logger?: Logger,
): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const stayHome = (details: NavigationDetails) => {
      if (isOurs(details.url)) return;
      details.preventDefault();
      logger?.warn('Blocked a navigation away from the app', { url: details.url.slice(0, 200) });
    };
    contents.on('will-frame-navigate', stayHome);
    contents.on('will-redirect', stayHome);
    // Our window replaces this with its own handler (links open in the OS browser); any other denies everything.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
