import { createContext, useContext, type RefObject } from 'react';

/** The prompt textarea, so "append to prompt" can insert through the browser's own undo stack. */
export const PromptRefContext = createContext<RefObject<HTMLTextAreaElement | null> | null>(null);

/** The prompt textarea ref of the app. */
export function usePromptRef(): RefObject<HTMLTextAreaElement | null> {
  const ref = useContext(PromptRefContext);
  if (!ref) throw new Error('usePromptRef needs a PromptRefContext provider');
  return ref;
}

/**
 * Appends text at the end of the prompt as if typed (execCommand insertText), so Ctrl+Z in the prompt undoes it;
 * returns false when the browser refused, and the caller then patches the draft directly.
 */
export function insertAtEnd(el: HTMLTextAreaElement, text: string): boolean {
  el.focus();
  el.setSelectionRange(el.value.length, el.value.length);
  // Deprecated but still the only way to edit a textarea and keep the native undo history.
  const isDone = document.execCommand('insertText', false, text);
  el.scrollTop = el.scrollHeight;
  return isDone;
}

/**
 * Replaces the whole prompt as if typed over a full selection, so one Ctrl+Z in the prompt brings the old text back;
 * returns false when the browser refused, and the caller then patches the draft directly.
 */
export function replaceAll(el: HTMLTextAreaElement, text: string): boolean {
  // Optional: a test DOM (jsdom) has no editing commands.
  if (typeof document.execCommand !== 'function') return false;
  el.focus();
  el.setSelectionRange(0, el.value.length);
  const isDone = document.execCommand('insertText', false, text);
  el.scrollTop = el.scrollHeight;
  return isDone && el.value === text;
}
