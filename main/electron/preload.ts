// The sandboxed preload (built to out/preload/index.cjs): exposes window.playground and nothing else
// (docs/architecture.md#one-contract).
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('playground', createPreloadApi(ipcRenderer));
