import { useMemo, useRef, useState } from 'react';
import { useIsConnected } from '../api/connection';
import { PromptRefContext } from '../features/prompt/prompt-ref';
import { createRunGate } from '../features/prompt/run-gate';
import { AutoCheck } from '../features/server/auto-check';
import '../features/server/server.css';
import { PreRunDialog } from '../features/server/pre-run-dialog';
import { SettingsDialog } from '../features/settings/settings-dialog';
import { SettingsOpenerContext, type SettingsPlace } from '../features/settings/settings-opener';
import { useDraftSelector } from '../state/draft-store';
import { useServerSelector } from '../state/server-store';
import { useSettings, useSettingsActions, useSettingsError } from '../state/settings-store';
import { useStores } from '../state/stores-context';
import { AppShell } from './app-shell';
import { NotConnectedPage } from './not-connected';
import { useGlobalShortcuts } from './shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useApplyTheme, useResolvedTheme } from './theme';

/**
 * The app: theme, global shortcuts, the settings and shortcuts dialogs, and the shell once the draft is restored; in
 * web mode, one full page instead when the page is not connected to a running playground.
 */
export function App() {
  const stores = useStores();
  const settings = useSettings();
  const settingsError = useSettingsError();
  const { update } = useSettingsActions();
  const isLoaded = useDraftSelector((s) => s.isLoaded);
  const isConnected = useIsConnected();
  const promptRef = useRef<HTMLTextAreaElement>(null);
  // Settings is open when this holds where it opened ('top' from the gear or Ctrl+,).
  const [settingsAt, setSettingsAt] = useState<SettingsPlace | 'top' | undefined>();
  const isSettingsOpen = settingsAt !== undefined;
  const opener = useMemo(
    () => ({ openSettings: (at?: SettingsPlace) => setSettingsAt(at ?? 'top'), isSettingsOpen }),
    [isSettingsOpen],
  );
  const [isShortcutsOpen, setIsShortcutsOpen] = useState(false);
  const question = useServerSelector((s) => s.question);
  const resolved = useResolvedTheme(settings?.theme ?? 'system');
  useApplyTheme(resolved);

  const handlers = useMemo(() => {
    const gate = createRunGate(stores);
    return {
      run: gate.run,
      stop: () => stores.run.stop(),
      regenerate: gate.regenerate,
      openSettings: () => setSettingsAt('top'),
      openShortcuts: () => setIsShortcutsOpen(true),
      isRunning: () => stores.run.isRunning(),
    };
  }, [stores]);
  useGlobalShortcuts(handlers);

  if (!isConnected) return <NotConnectedPage />;
  if (!isLoaded) {
    return (
      <div className="loading" role="status">
        {settingsError ? `Could not reach the playground service: ${settingsError}` : 'Loading…'}
      </div>
    );
  }
  return (
    <PromptRefContext.Provider value={promptRef}>
      <SettingsOpenerContext.Provider value={opener}>
        <AppShell
          resolvedTheme={resolved}
          onToggleTheme={() => void update({ theme: resolved === 'dark' ? 'light' : 'dark' })}
          onOpenSettings={() => setSettingsAt('top')}
          onOpenShortcuts={() => setIsShortcutsOpen(true)}
        />
        {settingsAt ? (
          <SettingsDialog
            at={settingsAt === 'top' ? undefined : settingsAt}
            onClose={() => setSettingsAt(undefined)}
          />
        ) : null}
        <AutoCheck />
        {isShortcutsOpen ? <ShortcutsDialog onClose={() => setIsShortcutsOpen(false)} /> : null}
        {question ? (
          <PreRunDialog
            question={question}
            onClose={() => stores.server.ask(undefined)}
            onRun={(draft) => {
              stores.server.ask(undefined);
              stores.run.run(draft);
            }}
          />
        ) : null}
      </SettingsOpenerContext.Provider>
    </PromptRefContext.Provider>
  );
}
