/**
 * The IPC transport of PlaygroundApi: one `ipcMain.handle` per channel of the shared method list
 * (docs/architecture.md#invoke-and-push), every handler behind ONE sender check (docs/architecture.md#trusted-sender)
 * that runs before the dispatcher validates anything. The caller's WebContents id is the owner of the runs it starts:
 * their events go only to it, only it may cancel them (checked by the run manager), and a WebContents that goes away
 * aborts them (docs/architecture.md#one-run-one-terminal-event).
 */
import type { InvokeMethod } from '../../shared/api';
import { INVOKE_CHANNELS, INVOKE_METHODS, PUSH_CHANNELS } from '../../shared/channels';
import { fail, type Result } from '../../shared/result';
import type { RunEvent } from '../../shared/run-events';
import type { Logger } from '../core/ports';
import type { SenderEventLike } from './trusted-sender';

/** The WebContents members the adapter uses. */
export interface WebContentsLike {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'destroyed' | 'render-process-gone' | 'did-navigate', listener: () => void): unknown;
}

/** An IpcMainInvokeEvent as the adapter sees it. */
export interface InvokeEventLike extends SenderEventLike {
  sender: WebContentsLike;
}

/** The part of Electron's ipcMain the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Who asked, and where that caller's run events go. */
export interface IpcRunContext {
  /** The sender's WebContents id, taken from the IPC event by main: a page cannot name another page's. */
  ownerId: string;
  emit: (event: RunEvent) => void;
}

/** The core dispatcher (main/core/dispatcher.ts): validates `args` with the shared schemas, calls the service. */
export interface DispatcherLike {
  dispatch(method: string, args: unknown, ctx: IpcRunContext): Promise<Result<unknown>>;
}

/** What the adapter needs of the service beyond dispatching. */
export interface OwnerAborter {
  abortOwner(ownerId: string): unknown;
}

/** Registers every handler; returns a function that removes them. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: DispatcherLike,
  service: OwnerAborter,
  isTrustedSender: (event: SenderEventLike) => boolean,
  logger?: Logger,
): () => void {
  const watchedOwners = new Set<number>();

  const abortOwner = (ownerId: string) => {
    void Promise.resolve(service.abortOwner(ownerId)).catch((error: unknown) =>
      logger?.error('abortOwner failed', { error: String(error) }),
    );
  };

  const contextFor = (contents: WebContentsLike): IpcRunContext => {
    const ownerId = String(contents.id);
    if (!watchedOwners.has(contents.id)) {
      watchedOwners.add(contents.id);
      // Closed, crashed or reloaded: nobody will read these runs' events any more.
      contents.on('destroyed', () => {
        watchedOwners.delete(contents.id);
        abortOwner(ownerId);
      });
      contents.on('render-process-gone', () => abortOwner(ownerId));
      contents.on('did-navigate', () => abortOwner(ownerId));
    }
    return {
      ownerId,
      emit(event) {
        if (!contents.isDestroyed()) contents.send(PUSH_CHANNELS.onRunEvent, event);
      },
    };
  };

  const handle = async (method: InvokeMethod, event: InvokeEventLike, args: unknown[]): Promise<unknown> => {
    // The sender check comes first: an untrusted caller never reaches the dispatcher.
    if (!isTrustedSender(event)) {
      logger?.warn('IPC call refused: untrusted sender', { method });
      return fail('permission_denied', 'This page is not allowed to use the playground API.');
    }
    try {
      return await dispatcher.dispatch(method, args, contextFor(event.sender));
    } catch (error) {
      logger?.error('IPC handler failed', { method, error: String(error) });
      return fail('server_error', 'Internal error in the main process.');
    }
  };

  for (const method of INVOKE_METHODS) {
    ipcMain.handle(INVOKE_CHANNELS[method], (event, ...args) => handle(method, event, args));
  }
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
  };
}
