import type { FolderPicker } from '../core/ports';

/** The options of Electron's `dialog.showOpenDialog` that the folder picker uses. */
export interface FolderDialogOptions {
  title: string;
  buttonLabel: string;
  properties: ('openDirectory' | 'createDirectory')[];
}

/** `dialog.showOpenDialog`, attached to a window when there is one (so it is modal to it on macOS). */
export type ShowOpenDialog<W> = (
  parent: W | undefined,
  options: FolderDialogOptions,
) => Promise<{ canceled: boolean; filePaths: string[] }>;

/**
 * The team folder's picker for the desktop app: the OS folder dialog over the current window. The path it returns
 * is checked by the core like a typed one (docs/architecture.md#validate-at-boundaries).
 */
export const createFolderPicker =
  <W>(showOpenDialog: ShowOpenDialog<W>, parent: () => W | undefined): FolderPicker =>
  async () => {
    const result = await showOpenDialog(parent(), {
      title: 'Choose the team folder',
      buttonLabel: 'Use this folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    return result.canceled ? undefined : result.filePaths[0];
  };
