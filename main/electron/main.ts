// The Electron entry (out/main/index.js): hands the real Electron modules to the desktop composition. Everything
// else lives in pure modules tested with structural fakes; this file is the part only Electron can run.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import ElectronStore from 'electron-store';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktop } from './desktop-app';
import { createNetFetch } from './net-fetch';

startDesktop(
  {
    app,
    ipcMain,
    safeStorage,
    // Chromium's network stack follows the system proxy settings; redirects come back unfollowed (net-fetch.ts).
    fetch: createNetFetch((options) => net.request(options)),
    protocol,
    defaultSession: () => session.defaultSession,
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
    openExternal: (url) => shell.openExternal(url),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    // The windows desktop-app.ts hands back are the BrowserWindows it made with the constructor below.
    showOpenDialog: (parent, options) =>
      parent ? dialog.showOpenDialog(parent as BrowserWindow, options) : dialog.showOpenDialog(options),
    BrowserWindow,
    makeStore: (options) => new ElectronStore<Record<string, unknown>>(options),
  },
  {
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    mainDir: dirname(fileURLToPath(import.meta.url)),
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
  },
).catch((error: unknown) => {
  console.error('r9s Playground could not start:', error);
  app.exit(1);
});
