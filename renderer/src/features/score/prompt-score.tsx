import './score.css';
import { useMemo, useState } from 'react';
import { useStores } from '../../state/stores-context';
import { TokenLegend } from '../tokens/token-legend';
import { TokenView } from '../tokens/token-view';
import { promptTokenSource, type PromptScoreState } from './use-prompt-score';

/** "Score prompt": asks the server for the prompt's own token probabilities. */
export function ScoreButton({ state, onScore }: { state: PromptScoreState; onScore: () => void }) {
  return (
    <button
      type="button"
      className="button button-small"
      onClick={onScore}
      disabled={state.isScoring}
      title="Send the prompt with echo, logprobs and max_tokens 0 (1 where 0 is refused) and show how likely the model finds each of its tokens"
    >
      {state.isScoring ? 'Scoring…' : 'Score prompt'}
    </button>
  );
}

/** The prompt's perplexity, next to the prompt, once scored. */
export function PerplexityFigure({ state, prompt }: { state: PromptScoreState; prompt: string }) {
  const { score } = state;
  if (!score?.ok) return null;
  const isStale = state.prompt !== prompt;
  return (
    <span
      className="prompt-perplexity"
      title={`exp of minus the mean logprob of the prompt's ${score.figures.count} scored tokens (the first has none); lower means the model finds the prompt less surprising`}
    >
      Perplexity <strong>{score.figures.perplexity.toFixed(2)}</strong>
      {isStale ? <span className="muted"> (of the prompt before your edit)</span> : null}
    </span>
  );
}

/**
 * The scored prompt drawn token by token, coloured by probability (the least likely — the most surprising — darkest),
 * with the figures; or, plainly, why the server could not score it.
 */
export function PromptScorePanel({ state }: { state: PromptScoreState }) {
  const { runs } = useStores();
  const [hiddenRun, setHiddenRun] = useState<string>();
  const source = useMemo(
    () => (state.runId ? promptTokenSource(runs.store, state.runId) : undefined),
    [runs, state.runId],
  );
  if (state.failure)
    return (
      <p className="score-panel score-failure" role="alert">
        {state.failure}
      </p>
    );
  const { score } = state;
  if (!score) return null;
  if (!score.ok)
    return (
      <p className="score-panel score-failure" role="alert">
        {score.message}
      </p>
    );
  if (hiddenRun === state.runId) return null;
  return (
    <section className="score-panel" aria-label="Prompt score">
      <div className="score-head">
        <span>
          {score.tokens.length} prompt tokens · mean logprob{' '}
          <strong>{score.figures.meanLogprob.toFixed(3)}</strong> · perplexity{' '}
          <strong>{score.figures.perplexity.toFixed(2)}</strong>
        </span>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => setHiddenRun(state.runId)}>
          Hide prompt tokens
        </button>
      </div>
      {state.note ? <p className="score-note">{state.note}</p> : null}
      <TokenLegend />
      {source ? <TokenView source={source} label="Tokens of the prompt" /> : null}
    </section>
  );
}
