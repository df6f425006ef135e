import { useLayoutEffect } from 'react';
import type { HistoryEntry } from '../../../shared/api';
import type { RunStatus, RunView } from './run-view';
import { useStores } from './stores-context';
import { asksForLogprobs, TokenList } from './token-source';

const STATUS: Record<HistoryEntry['status'], RunStatus> = {
  running: 'running',
  done: 'done',
  error: 'error',
  cancelled: 'cancelled',
  // The app stopped before the run ended: its output is as partial as a stopped run's.
  interrupted: 'cancelled',
};

/**
 * The run id of a history entry in the runs store. Prefixed: the entry of a run still shown elsewhere (the
 * playground's last run) must not replace that live run.
 */
const recordedRunId = (entry: HistoryEntry) => `history:${entry.id}`;

/** A history entry as a run view, so History draws it with the same output component as a live run. */
export function runViewFromHistory(entry: HistoryEntry): RunView {
  const { params } = entry;
  return {
    runId: recordedRunId(entry),
    status: STATUS[entry.status],
    startedAt: entry.startedAt,
    outputs: entry.outputs,
    echoLength: params.echo === true ? params.prompt.length : 0,
    profileId: entry.profileId,
    model: params.model,
    request: entry.request,
    ...(entry.response ? { response: entry.response } : {}),
    ...(entry.choices ? { choices: entry.choices } : {}),
    ...(entry.usage ? { usage: entry.usage } : {}),
    ...(entry.metrics ? { metrics: entry.metrics } : {}),
    ...(entry.error ? { error: entry.error } : {}),
    ...(entry.tokens ? { tokens: entry.tokens.map((list) => TokenList.of(list)) } : {}),
    ...(entry.promptTokens ? { promptTokens: entry.promptTokens } : {}),
    ...(asksForLogprobs(entry.request.body) ? { wantsLogprobs: true } : {}),
  };
}

/** Puts a history entry into the runs store while the caller shows it, and returns its run id there. */
export function useRecordedRun(entry: HistoryEntry): string {
  const { runs } = useStores();
  // Added before the first paint, and released when the entry is no longer shown (a new entry object, after a star,
  // swaps the same run in place within one commit).
  useLayoutEffect(() => {
    const view = runViewFromHistory(entry);
    runs.add(view);
    return () => runs.release(view.runId);
  }, [runs, entry]);
  return recordedRunId(entry);
}
