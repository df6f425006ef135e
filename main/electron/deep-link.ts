/**
 * `r9s-playground://import?code=…` deep links. A link is untrusted input from any web page or
 * chat message, so it is parsed strictly and only a bounded base64url share code ever leaves this module.
 */

/** The URL scheme registered with the OS (electron-builder `protocols`, app.setAsDefaultProtocolClient). */
export const DEEP_LINK_PROTOCOL = 'r9s-playground';

/** Longest share code accepted from a link; Windows caps a command line at 32,767 characters. */
export const MAX_SHARE_CODE_LENGTH = 16_384;

const SHARE_CODE = /^[A-Za-z0-9_-]+$/;

/** Returns the share code of an import link, or null for anything else (docs/architecture.md#validate-at-boundaries: unknown until narrowed). */
export function parseDeepLink(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_SHARE_CODE_LENGTH + 100) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_PROTOCOL}:`) return null;
  if (url.username || url.password || url.port) return null;
  // `r9s-playground://import?…` parses with host "import"; some launchers add a slash or drop the `//`.
  const isImport =
    (url.host === 'import' && (url.pathname === '' || url.pathname === '/')) ||
    (url.host === '' && url.pathname === 'import');
  if (!isImport) return null;
  const keys = [...url.searchParams.keys()];
  if (keys.length !== 1 || keys[0] !== 'code') return null;
  const code = url.searchParams.get('code') ?? '';
  if (code.length === 0 || code.length > MAX_SHARE_CODE_LENGTH || !SHARE_CODE.test(code)) return null;
  return code;
}

/** Finds the first valid import link in a process argv (first launch, or a second instance's argv). */
export function findDeepLinkCode(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_PROTOCOL}:`)) continue;
    const code = parseDeepLink(arg);
    if (code) return code;
  }
  return null;
}

/** Something that can receive pushed import requests: the main window's WebContents. */
export interface ImportTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Queues share codes until the window has loaded, then pushes them on the given channel. */
export interface ImportRequestRouter {
  /** A code from argv, `open-url` or `second-instance`. */
  request(code: string): void;
  /** The window finished loading: flush what was queued and deliver later codes directly. */
  attach(target: ImportTarget): void;
  /** The window went away: queue again until the next attach. */
  detach(): void;
}

/** Creates the router; `channel` is PUSH_CHANNELS.onImportRequest. At most `maxPending` codes wait. */
export function createImportRequestRouter(channel: string, maxPending = 5): ImportRequestRouter {
  const pending: string[] = [];
  let target: ImportTarget | undefined;
  const deliver = () => {
    while (target && !target.isDestroyed() && pending.length > 0) {
      target.send(channel, pending.shift());
    }
  };
  return {
    request(code) {
      pending.push(code);
      if (pending.length > maxPending) pending.shift();
      deliver();
    },
    attach(next) {
      target = next;
      deliver();
    },
    detach() {
      target = undefined;
    },
  };
}
