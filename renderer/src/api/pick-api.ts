import type { PlaygroundApi } from '../../../shared/api';
import { createHttpBridge, readTokenFromLocation } from '../../bridge/http-bridge';

/** The Electron preload's api when it exposed one, else the web-mode http bridge to this page's own origin. */
export function pickApi(): PlaygroundApi {
  if (window.playground) return window.playground;
  return createHttpBridge({
    origin: location.origin,
    token: readTokenFromLocation(location, sessionStorage),
  });
}
