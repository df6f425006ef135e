import { useState, type ComponentProps } from 'react';
import { useOutputSource, useRun, useRunActions } from '../state/run-store';
import { useStores } from '../state/stores-context';
import { insertAtEnd, usePromptRef } from '../prompt/prompt-ref';
import { Icon } from '../ui/icons';
import { ChoiceOutput } from './choice-output';
import { ErrorPanel } from './error-panel';
import { MetricsLine } from './metrics-line';
import { RetryBanner } from './retry-banner';
import { SentDialog } from './sent-dialog';

/** A choice of the current run, its text read live from the run store. */
function RunChoice(props: Omit<ComponentProps<typeof ChoiceOutput>, 'source'> & { runId: string }) {
  const { runId, ...rest } = props;
  return <ChoiceOutput {...rest} source={useOutputSource(runId, props.index)} />;
}

/** The output of the current run: retry banner, error panel, metrics, one region per choice, "What was sent". */
export function OutputPanel() {
  const run = useRun();
  const { stop } = useRunActions();
  const { draft } = useStores();
  const promptRef = usePromptRef();
  const [isSentOpen, setIsSentOpen] = useState(false);

  const append = (text: string) => {
    const el = promptRef.current;
    if (el && insertAtEnd(el, text)) return;
    draft.patchParams({ prompt: draft.store.get().draft.params.prompt + text });
  };

  const outputs = run?.outputs ?? [''];
  const hasPartial = outputs.some((o) => o.length > 0);
  return (
    <div className="output-panel">
      <header className="output-header">
        <h2 className="panel-title">Output</h2>
        {run ? <MetricsLine metrics={run.metrics} usage={run.usage} /> : null}
        <span className="spacer" />
        {run?.streamed === false ? <span className="badge badge-muted">not streamed</span> : null}
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={!run?.request}
          onClick={() => setIsSentOpen(true)}
          title="The exact URL, body and headers of this run, and the response"
        >
          <Icon name="eye" />
          What was sent
        </button>
      </header>
      {run?.retry ? <RetryBanner retry={run.retry} onCancel={stop} /> : null}
      {run?.error ? <ErrorPanel error={run.error} isPartial={hasPartial} /> : null}
      {run ? (
        <div
          className="choices"
          style={{ gridTemplateColumns: `repeat(${Math.min(outputs.length, 3)}, minmax(0, 1fr))` }}
        >
          {outputs.map((_, i) => (
            <RunChoice
              key={`${run.runId}:${i}`}
              runId={run.runId}
              index={i}
              total={outputs.length}
              echoLength={run.echoLength}
              end={run.choices?.find((c) => c.index === i)}
              status={run.status}
              onAppend={append}
            />
          ))}
        </div>
      ) : (
        <div className="empty-output">
          <section className="choice" aria-label="Completion">
            <p className="placeholder">
              Write a prompt and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to run.
            </p>
          </section>
        </div>
      )}
      {isSentOpen && run?.request ? (
        <SentDialog request={run.request} response={run.response} onClose={() => setIsSentOpen(false)} />
      ) : null}
    </div>
  );
}
