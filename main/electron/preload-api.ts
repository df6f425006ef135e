/**
 * The object the preload exposes as `window.playground` (docs/architecture.md#one-contract). Pure, so the IPC
 * contract suite runs it over a fake ipcRenderer. It imports only the method list and types: no zod, nothing else
 * reaches the sandbox. Exposes exactly the PlaygroundApi methods: no generic invoke/send, no process.env, no
 * IpcRendererEvent (its `sender` would hand the page ipcRenderer itself).
 */
import type { ApiReturn, PlaygroundApi } from '../../shared/api';
import { INVOKE_CHANNELS, invokeMembers, PUSH_CHANNELS } from '../../shared/channels';
import type { RunEvent } from '../../shared/run-events';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Share codes that arrive before the page subscribes (a deep link on first launch) wait here, at most this many. */
const MAX_BUFFERED_IMPORTS = 5;

/** Builds the bridge object; call once per page (the preload runs once per page load). */
export function createPreloadApi(ipc: IpcRendererLike) {
  // Invoke for every call (docs/architecture.md#invoke-and-push); main answers with a Result, never a throw.
  const invoked = invokeMembers(
    (method, args) => ipc.invoke(INVOKE_CHANNELS[method], ...args) as Promise<ApiReturn<typeof method>>,
  );

  const runListeners = new Set<(event: RunEvent) => void>();
  ipc.on(PUSH_CHANNELS.onRunEvent, (_event, payload) => {
    for (const listener of [...runListeners]) listener(payload as RunEvent);
  });

  const importListeners = new Set<(code: string) => void>();
  const bufferedImports: string[] = [];
  ipc.on(PUSH_CHANNELS.onImportRequest, (_event, code) => {
    if (typeof code !== 'string') return;
    if (importListeners.size === 0) {
      bufferedImports.push(code);
      if (bufferedImports.length > MAX_BUFFERED_IMPORTS) bufferedImports.shift();
      return;
    }
    for (const listener of [...importListeners]) listener(code);
  });

  return {
    ...invoked,
    onRunEvent(listener) {
      runListeners.add(listener);
      return () => void runListeners.delete(listener);
    },
    onImportRequest(listener) {
      importListeners.add(listener);
      for (const code of bufferedImports.splice(0)) listener(code);
      return () => void importListeners.delete(listener);
    },
  } satisfies PlaygroundApi;
}
