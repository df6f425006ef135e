/**
 * Design rule 4: an IPC message is served only when it comes from a WebContents we created, from its main frame,
 * and from our own page (file:// of out/renderer/index.html in production, the dev server's origin in development).
 * Anything else — a navigated frame, an iframe, a window we did not open — is refused before any handler runs.
 */

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderEventLike {
  sender: { id: number; isDestroyed(): boolean };
  senderFrame: { url: string; parent: unknown } | null;
}

/** Where our renderer is loaded from. */
export type RendererLocation = { kind: 'file'; href: string } | { kind: 'dev'; url: string };

/** The registry of our WebContents plus the predicate the IPC adapter applies to every call. */
export interface TrustedSenders {
  /** Records a WebContents the window factory created; it is forgotten when destroyed. */
  add(contents: { id: number; once(event: 'destroyed', listener: () => void): unknown }): void;
  /** A plain function (not a method) so it can be handed to registerIpc on its own. */
  isTrusted: (event: SenderEventLike) => boolean;
}

const withoutFragment = (url: URL): string => {
  const copy = new URL(url.href);
  copy.hash = '';
  copy.search = '';
  return copy.href;
};

/** True when `raw` is our renderer page; query and fragment (client-side routes) are ignored. */
export function isOurRendererUrl(
  raw: string,
  location: RendererLocation,
  platform = process.platform,
): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (location.kind === 'dev') {
    const dev = new URL(location.url);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin;
  }
  if (url.protocol !== 'file:' || url.host !== '') return false;
  const expected = withoutFragment(new URL(location.href));
  const actual = withoutFragment(url);
  // Windows paths are case-insensitive (a drive letter may arrive as c: or C:).
  return platform === 'win32' ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}

/** Creates the registry for one renderer location. */
export function createTrustedSenders(
  location: RendererLocation,
  platform = process.platform,
): TrustedSenders {
  const ours = new Set<number>();
  return {
    add(contents) {
      ours.add(contents.id);
      contents.once('destroyed', () => ours.delete(contents.id));
    },
    isTrusted(event) {
      const { sender, senderFrame } = event;
      if (!ours.has(sender.id) || sender.isDestroyed()) return false;
      // A null frame has navigated away or been destroyed since it sent; a parent means a subframe.
      if (!senderFrame || senderFrame.parent !== null) return false;
      return isOurRendererUrl(senderFrame.url, location, platform);
    },
  };
}
