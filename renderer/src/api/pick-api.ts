import type { PlaygroundApi } from '../../../shared/api';
import { createHttpBridge } from '../../bridge/http-bridge';
import { createConnection, type Connection } from './connection';
import type { Shell } from './shell';

/**
 * The Electron preload's api when it exposed one, else the web-mode http bridge to this page's own origin, which
 * authenticates with the session cookie its server set and reports through `connection` when that stops working.
 */
export function pickApi(): { api: PlaygroundApi; connection: Connection; shell: Shell } {
  const connection = createConnection();
  if (window.playground) return { api: window.playground, connection, shell: 'desktop' };
  const api = createHttpBridge({ origin: location.origin, onDisconnected: connection.markDisconnected });
  return { api, connection, shell: 'web' };
}
