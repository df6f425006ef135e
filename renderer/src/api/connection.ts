import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * Whether the page still talks to a running playground. Web mode's bridge reports the moment its server refuses the
 * page's token or is gone; the desktop app is always connected.
 */
export interface Connection {
  isConnected: () => boolean;
  subscribe: (listener: () => void) => () => void;
  /** Marks the page as no longer connected; it stays so until it is opened again from the printed address. */
  markDisconnected: () => void;
}

/** Makes a connection state that starts connected. */
export function createConnection(): Connection {
  let isConnected = true;
  const listeners = new Set<() => void>();
  return {
    isConnected: () => isConnected,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    markDisconnected() {
      if (!isConnected) return;
      isConnected = false;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** The app's connection (main.tsx provides web mode's; without a provider the page counts as connected). */
export const ConnectionContext = createContext<Connection>(createConnection());

/** Whether the page is connected; re-renders when that changes. */
export function useIsConnected(): boolean {
  const connection = useContext(ConnectionContext);
  return useSyncExternalStore(connection.subscribe, connection.isConnected);
}
