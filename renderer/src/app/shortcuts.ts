import { useEffect } from 'react';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How the platform's command modifier is written in hints. */
export const MOD_KEY = isMac ? '⌘' : 'Ctrl';

/** What the global shortcuts do. */
export interface ShortcutHandlers {
  run: () => void;
  stop: () => void;
  regenerate: () => void;
  openSettings: () => void;
  isRunning: () => boolean;
}

/**
 * Window-level shortcuts: Ctrl/Cmd+Enter run, Ctrl/Cmd+Shift+Enter regenerate, Esc stop (only while running and only
 * when nothing nearer — a dialog, an open list — already used the key), Ctrl/Cmd+, settings.
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        // Commit a number being typed (it commits on blur) before the run reads the draft.
        if (document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'number') {
          document.activeElement.blur();
        }
        if (e.shiftKey) handlers.regenerate();
        else handlers.run();
      } else if (e.key === 'Escape' && !e.defaultPrevented && handlers.isRunning()) {
        e.preventDefault();
        handlers.stop();
      } else if (mod && e.key === ',') {
        e.preventDefault();
        handlers.openSettings();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [handlers]);
}
