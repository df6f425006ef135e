/**
 * The standard application menu. Its Edit roles are what make copy, paste, undo and select-all work
 * in text fields on macOS, where shortcuts only reach the page through a menu item.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template for a platform; built-in roles only, so labels and shortcuts follow the OS. */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  isPackaged: boolean,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      // Developer tools only in development builds: a packaged app keeps them out of reach of a casual click.
      ...(isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
