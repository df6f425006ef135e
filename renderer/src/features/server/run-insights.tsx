import { findReport } from '../../../../shared/capabilities';
import { matchRejection } from '../../../../shared/capability-rejections';
import { actualCost, type Cost } from '../../../../shared/cost';
import type { RunView } from '../../state/run-view';
import { useServerSelector } from '../../state/server-store';

/** The actual cost of a finished run, from its usage and its profile's price table; undefined without either. */
export function useRunCost(run: RunView | undefined | null): Cost | undefined {
  const table = useServerSelector((s) => (run?.profileId ? s.prices[run.profileId] : undefined));
  return run?.model ? actualCost(run.usage, run.model, table) : undefined;
}

/** Moves focus to a parameter's control in the panel (its value, else its Set button when it is not set). */
const showParam = (param: string) => {
  const row = document.querySelector(`[data-param="${param}"]`);
  const target =
    row?.querySelector<HTMLElement>(':is(input, textarea, select)') ??
    row?.querySelector<HTMLElement>('button');
  target?.scrollIntoView({ block: 'nearest' });
  target?.focus();
};

/** Under a failed run: the parameter a known rejection of its server names, and a way to it. */
export function KnownRejectionHint({ run }: { run: RunView }) {
  const report = useServerSelector((s) =>
    run.profileId && run.model ? findReport(s.reports, run.profileId, run.model) : undefined,
  );
  const match = report && run.error ? matchRejection(report, run.error) : undefined;
  if (!match) return null;
  return (
    <p className="known-rejection" role="note">
      This is a known rejection: {match.headline} ({match.detail}), found by the server check.{' '}
      <button type="button" className="link-button" onClick={() => showParam(match.param)}>
        Show {match.param}
      </button>
    </p>
  );
}
