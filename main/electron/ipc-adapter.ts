/**
 * The IPC transport of PlaygroundApi: one `ipcMain.handle` per channel of the shared map (design rules 2–3), every
 * handler behind ONE sender check (design rule 4) that runs before the dispatcher validates anything (rule 5).
 * Run events go only to the WebContents that started the run, and a WebContents that goes away aborts its runs
 * (design rule 7).
 */
import type { InvokeMethod } from '../../shared/api';
import { INVOKE_CHANNELS, INVOKE_METHODS, PUSH_CHANNELS } from '../../shared/channels';
import { fail, ok, type Result } from '../../shared/result';
import { isTerminal, type RunEvent } from '../../shared/run-events';
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

const runIdOf = (args: unknown[]): string | undefined => {
  const request = args[0];
  if (typeof request !== 'object' || request === null || !('runId' in request)) return undefined;
  return typeof request.runId === 'string' ? request.runId : undefined;
};

/** Registers every handler; returns a function that removes them. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: DispatcherLike,
  service: OwnerAborter,
  isTrustedSender: (event: SenderEventLike) => boolean,
  logger?: Logger,
): () => void {
  /** runId → ownerId of every run that has not ended yet. */
  const activeRuns = new Map<string, string>();
  const watchedOwners = new Set<number>();

  const abortOwner = (ownerId: string) => {
    for (const [runId, owner] of activeRuns) if (owner === ownerId) activeRuns.delete(runId);
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
        if (isTerminal(event)) activeRuns.delete(event.runId);
        if (!contents.isDestroyed()) contents.send(PUSH_CHANNELS.onRunEvent, event);
      },
    };
  };

  const handle = async (method: InvokeMethod, event: InvokeEventLike, args: unknown[]): Promise<unknown> => {
    // Design rule 4: the sender check comes first; an untrusted caller never reaches the dispatcher.
    if (!isTrustedSender(event)) {
      logger?.warn('IPC call refused: untrusted sender', { method });
      return fail('permission_denied', 'This page is not allowed to use the playground API.');
    }
    const ctx = contextFor(event.sender);
    const runId = method === 'startRun' ? runIdOf(args) : undefined;
    if (runId !== undefined) {
      if (activeRuns.has(runId)) return fail('conflict', `A run with id ${runId} is already running.`);
      activeRuns.set(runId, ctx.ownerId);
    }
    if (method === 'cancelRun') {
      const owner = typeof args[0] === 'string' ? activeRuns.get(args[0]) : undefined;
      // A window may only stop its own runs.
      if (owner !== undefined && owner !== ctx.ownerId) return ok({ wasRunning: false });
    }
    try {
      const result = await dispatcher.dispatch(method, args, ctx);
      if (runId !== undefined && !result.ok) activeRuns.delete(runId);
      return result;
    } catch (error) {
      if (runId !== undefined) activeRuns.delete(runId);
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
