import { ParamPanel } from '../features/params/param-panel';
import { ActionBar } from '../features/prompt/action-bar';
import { PromptEditor } from '../features/prompt/prompt-editor';
import { VariablesForm } from '../features/variables/variables-form';
import { usePromptRef } from '../features/prompt/prompt-ref';
import { OutputPanel } from '../features/output/output-panel';
import { Splitter } from '../ui/splitter';
import { NoticesBanner } from './notices-banner';
import { TopBar } from './top-bar';
import { UndoToast } from './undo-toast';
import { usePaneSizes } from './pane-sizes';

/** Props of the shell. */
interface AppShellProps {
  resolvedTheme: 'light' | 'dark';
  onToggleTheme: () => void;
  onOpenSettings: () => void;
  onOpenShortcuts: () => void;
}

/**
 * The first stop of Tab, shown only while focused: the prompt is otherwise a dozen Tabs away, behind the top bar's
 * buttons. It focuses the prompt itself instead of following `#prompt`, so the address does not change.
 */
function SkipToPrompt() {
  const prompt = usePromptRef();
  return (
    <a
      className="skip-link"
      href="#prompt"
      onClick={(e) => {
        e.preventDefault();
        prompt.current?.focus();
      }}
    >
      Skip to the prompt
    </a>
  );
}

/**
 * The layout: top bar (with the features' toolbar), then the editor column (prompt, run controls, output) and the
 * parameter sidebar, separated by keyboard-operable splitters.
 */
export function AppShell({ resolvedTheme, onToggleTheme, onOpenSettings, onOpenShortcuts }: AppShellProps) {
  const [sizes, setSizes] = usePaneSizes();
  return (
    <div className="app">
      <SkipToPrompt />
      <TopBar
        resolvedTheme={resolvedTheme}
        onToggleTheme={onToggleTheme}
        onOpenSettings={onOpenSettings}
        onOpenShortcuts={onOpenShortcuts}
      />
      <NoticesBanner />
      <main className="workspace" style={{ gridTemplateColumns: `minmax(0, 1fr) auto ${sizes.sideWidth}px` }}>
        <div
          className="editor-column"
          style={{ gridTemplateRows: `${sizes.promptHeight}px auto auto auto minmax(0, 1fr)` }}
        >
          <PromptEditor />
          <Splitter
            label="Resize prompt and output"
            orientation="horizontal"
            value={sizes.promptHeight}
            min={120}
            max={900}
            direction={1}
            onChange={(promptHeight) => setSizes({ promptHeight })}
          />
          <VariablesForm />
          <ActionBar />
          <OutputPanel />
        </div>
        <Splitter
          label="Resize parameter panel"
          orientation="vertical"
          value={sizes.sideWidth}
          min={260}
          max={640}
          direction={-1}
          onChange={(sideWidth) => setSizes({ sideWidth })}
        />
        <aside className="sidebar" aria-label="Parameters">
          <ParamPanel />
        </aside>
      </main>
      <UndoToast />
    </div>
  );
}
