import { createContext, useContext } from 'react';

/** Where the page runs: in the desktop app (its preload api) or in web mode (the http bridge to its server). */
export type Shell = 'desktop' | 'web';

/** The page's shell; main.tsx provides it, and without a provider the page counts as the desktop app. */
export const ShellContext = createContext<Shell>('desktop');

/** The page's shell, for the few things that differ between them (which import link works, for one). */
export function useShell(): Shell {
  return useContext(ShellContext);
}
