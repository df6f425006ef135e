// The sandboxed preload (built to out/preload/index.cjs): exposes window.playground and nothing else (design rule 1).
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('playground', createPreloadApi(ipcRenderer));
