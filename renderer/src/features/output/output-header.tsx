import { useState } from 'react';
import type { Cost } from '../../../../shared/cost';
import type { RunView } from '../../state/run-view';
import { Icon } from '../../ui/icons';
import { MetricsLine } from './metrics-line';
import { SentDialog } from './sent-dialog';

/** The main output's header: its title, the run's metrics, whether it streamed, and "What was sent". */
export function OutputHeader({ run, cost }: { run: RunView | undefined; cost?: Cost }) {
  const [isSentOpen, setIsSentOpen] = useState(false);
  return (
    <>
      <header className="output-header">
        <h2 className="panel-title">Output</h2>
        {run ? <MetricsLine metrics={run.metrics} usage={run.usage} {...(cost ? { cost } : {})} /> : null}
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
      {isSentOpen && run?.request ? (
        <SentDialog
          request={run.request}
          response={run.response}
          {...(run.profileId ? { profileId: run.profileId } : {})}
          {...(run.model ? { model: run.model } : {})}
          onClose={() => setIsSentOpen(false)}
        />
      ) : null}
    </>
  );
}
