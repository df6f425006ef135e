import type { FilePicker, FolderPicker } from '../core/ports';

/** The options of Electron's `dialog.showOpenDialog` that the folder and model file pickers use. */
export interface FolderDialogOptions {
  title: string;
  buttonLabel: string;
  properties: ('openDirectory' | 'createDirectory' | 'openFile')[];
  /** File types offered (the model picker: .gguf, then any file). */
  filters?: { name: string; extensions: string[] }[];
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

/**
 * A local profile's model file picker for the desktop app: the OS file dialog over the current window, offering
 * .gguf files. The core checks the path it returns like a typed one when the profile is saved (it must be a GGUF file).
 */
export const createModelFilePicker =
  <W>(showOpenDialog: ShowOpenDialog<W>, parent: () => W | undefined): FilePicker =>
  async () => {
    const result = await showOpenDialog(parent(), {
      title: 'Choose a GGUF model file',
      buttonLabel: 'Use this model',
      properties: ['openFile'],
      filters: [
        { name: 'GGUF models', extensions: ['gguf'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return result.canceled ? undefined : result.filePaths[0];
  };
