import { useEffect } from 'react';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How the platform's command modifier is written in hints. */
export const MOD_KEY = isMac ? '⌘' : 'Ctrl';

/** One line of the shortcut list: the keys, and what they do. */
export interface Shortcut {
  keys: string;
  does: string;
}

/** Every keyboard shortcut, as the "Keyboard shortcuts" dialog lists them (the one list: keep it in step). */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: `${MOD_KEY}+Enter`, does: 'Run (in Compare: Run all)' },
  { keys: `${MOD_KEY}+Shift+Enter`, does: 'Regenerate: send the last request again' },
  { keys: 'Esc', does: 'Stop the run; close a dialog or list' },
  { keys: `${MOD_KEY}+,`, does: 'Settings: profiles, API keys, theme' },
  { keys: '?', does: 'This list (when not typing in a field)' },
  { keys: 'Tab, then Enter', does: 'From the top of the page: skip to the prompt' },
  {
    keys: `${MOD_KEY}+Z / ${MOD_KEY}+Shift+Z`,
    does: 'Undo / redo in the prompt (also undoes "append to prompt")',
  },
  { keys: '↓ / ↑, Enter', does: 'In Model: open the model list, move, pick' },
  { keys: 'Arrow keys', does: 'Step a slider; move a pane divider; move through History' },
  { keys: 'Enter / Shift+Enter', does: 'In Stop sequences: add the sequence / type a newline' },
];

/** What the global shortcuts do. */
export interface ShortcutHandlers {
  run: () => void;
  stop: () => void;
  regenerate: () => void;
  openSettings: () => void;
  openShortcuts: () => void;
  isRunning: () => boolean;
}

/** Whether a key press types into the focused control (then `?` is a character, not a shortcut). */
const isTypingTarget = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'range', 'button', 'submit'].includes(target.type)
  );
};

/**
 * Window-level shortcuts: Ctrl/Cmd+Enter run, Ctrl/Cmd+Shift+Enter regenerate, Esc stop (only while running and only
 * when nothing nearer — a dialog, an open list — already used the key), Ctrl/Cmd+, settings, `?` the shortcut list.
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
      } else if (e.key === '?' && !mod && !e.altKey && !e.defaultPrevented && !isTypingTarget(e.target)) {
        e.preventDefault();
        handlers.openShortcuts();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [handlers]);
}
