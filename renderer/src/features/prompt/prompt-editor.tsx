import { useDraftActions, useDraftSelector } from '../../state/draft-store';
import { usePromptRef } from './prompt-ref';
import { MOD_KEY } from '../../app/shortcuts';
import { PromptBudget } from '../server/prompt-budget';
import { PerplexityFigure, PromptScorePanel, ScoreButton } from '../score/prompt-score';
import { usePromptScore } from '../score/use-prompt-score';

/** The prompt: a large monospace textarea named "Prompt", with the browser's own undo/redo (Ctrl+Z / Ctrl+Shift+Z). */
export function PromptEditor() {
  const prompt = useDraftSelector((s) => s.draft.params.prompt);
  const saveError = useDraftSelector((s) => s.saveError);
  const { patchParams } = useDraftActions();
  const ref = usePromptRef();
  const scoring = usePromptScore();
  return (
    <div className="prompt-editor">
      <div className="prompt-head">
        <label htmlFor="prompt" className="panel-title">
          Prompt
        </label>
        <ScoreButton state={scoring.state} onScore={scoring.score} />
        <PerplexityFigure state={scoring.state} prompt={prompt} />
        <span className="spacer" />
        {saveError ? (
          <span className="badge badge-warn" role="status" title={saveError}>
            draft not saved
          </span>
        ) : null}
        <span className="muted prompt-count" aria-live="off">
          {prompt.length.toLocaleString('en-US')} chars
        </span>
      </div>
      <textarea
        id="prompt"
        ref={ref}
        className="prompt-input"
        value={prompt}
        spellCheck={false}
        placeholder={`Once upon a time…   (${MOD_KEY}+Enter runs)`}
        title={`The text to complete. ${MOD_KEY}+Enter runs, Ctrl+Z undoes.`}
        onChange={(e) => patchParams({ prompt: e.target.value })}
      />
      <PromptBudget />
      <PromptScorePanel state={scoring.state} />
    </div>
  );
}
