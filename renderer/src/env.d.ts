import type { PlaygroundApi } from '../../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode, where the http bridge stands in. Read only in main.tsx. */
    playground?: PlaygroundApi;
  }
}

export {};
