/**
 * docs/architecture.md#trusted-sender: an IPC message is served only when it comes from a WebContents we created,
 * from its main frame, and from our own origin (`app://playground` in production, the dev server's origin in
 * development). Anything else — a navigated frame, an iframe, a window we did not open — is refused before any
 * handler runs.
 */

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderEventLike {
  sender: { id: number; isDestroyed(): boolean };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Where our renderer is loaded from: the built files under `dir`, served as `url` by the app:// protocol, or the
 * dev server of an unpackaged app.
 */
export type RendererLocation = { kind: 'app'; url: string; dir: string } | { kind: 'dev'; url: string };

/** The registry of our WebContents plus the predicate the IPC adapter applies to every call. */
export interface TrustedSenders {
  /** Records a WebContents the window factory created; it is forgotten when destroyed. */
  add(contents: { id: number; once(event: 'destroyed', listener: () => void): unknown }): void;
  /** A plain function (not a method) so it can be handed to registerIpc on its own. */
  isTrusted: (event: SenderEventLike) => boolean;
}

/**
 * True when `raw` is on our renderer's origin: the same scheme and host (and port) as the page we load. Compared
 * part by part because Node gives a custom scheme's URL the origin "null".
 */
export function isOurRendererUrl(raw: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const ours = new URL(location.url);
  if (location.kind === 'dev' && url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return (
    url.protocol === ours.protocol && url.host === ours.host && url.username === '' && url.password === ''
  );
}

/** Creates the registry for one renderer location. */
export function createTrustedSenders(location: RendererLocation): TrustedSenders {
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
      return isOurRendererUrl(senderFrame.url, location);
    },
  };
}
