import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../../shared/schemas';

const QUERY = '(prefers-color-scheme: dark)';

const subscribeScheme = (listener: () => void) => {
  const mq = window.matchMedia?.(QUERY);
  mq?.addEventListener('change', listener);
  return () => mq?.removeEventListener('change', listener);
};
const isOsDark = () => window.matchMedia?.(QUERY).matches ?? false;

/** The theme in effect: the user's choice, or the OS preference for `system` (followed live). */
export function useResolvedTheme(theme: Theme): 'light' | 'dark' {
  const osDark = useSyncExternalStore(subscribeScheme, isOsDark, () => false);
  return theme === 'system' ? (osDark ? 'dark' : 'light') : theme;
}

/** Applies the resolved theme to the document (`data-theme` drives the CSS variables). */
export function useApplyTheme(resolved: 'light' | 'dark'): void {
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
}
