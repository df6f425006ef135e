import { createContext, useContext } from 'react';

/** Where Settings opens: the active profile's key field, or its base URL. */
export type SettingsPlace = 'key' | 'profile';

/** Opens Settings from anywhere in the shell, and says whether it is open (so what it changes can be read again). */
export interface SettingsOpener {
  openSettings: (at?: SettingsPlace) => void;
  isSettingsOpen: boolean;
}

/** Given by the app, which owns the Settings dialog. */
export const SettingsOpenerContext = createContext<SettingsOpener>({
  openSettings: () => undefined,
  isSettingsOpen: false,
});

/** The app's Settings opener. */
export const useSettingsOpener = (): SettingsOpener => useContext(SettingsOpenerContext);
