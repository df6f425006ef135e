import './best-of.css';
import { useEffect, useState } from 'react';
import type { Draft } from '../../../../shared/schemas';
import { runRequestFor } from '../../state/run-request';
import { hasEnded } from '../../state/run-view';
import { useRunField, useRunView } from '../../state/runs-store';
import { useStores } from '../../state/stores-context';
import { Modal } from '../../ui/modal';
import { candidatesDraft, rankCandidates } from './rank-candidates';

/** The candidates run's ranking, once every candidate has ended. */
function Ranking({ runId, n }: { runId: string; n: number }) {
  const tokens = useRunField(runId, (r) => r?.tokens);
  const outputs = useRunField(runId, (r) => r?.outputs);
  const ranked = rankCandidates(outputs?.map((_, i) => tokens?.[i]?.toArray()) ?? [], n);
  const hasAny = ranked.some((c) => c.meanLogprob !== undefined);
  return (
    <>
      {hasAny ? null : (
        <p className="param-note param-note-warn" role="alert">
          The server sent no token probabilities, so the candidates cannot be ranked as best_of ranks them.
        </p>
      )}
      <ol className="best-of-list" aria-label="Candidates, best first">
        {ranked.map((c) => (
          <li key={c.choice} className={c.isReturned ? 'best-of-item is-returned' : 'best-of-item'}>
            <div className="best-of-head">
              <strong>#{c.rank}</strong>
              <span className={c.isReturned ? 'badge badge-ok' : 'badge badge-warn'}>
                {c.isReturned ? 'best_of returns this' : 'discarded by best_of'}
              </span>
              <span className="muted">
                mean logprob {c.meanLogprob === undefined ? 'unknown' : c.meanLogprob.toFixed(3)} ·{' '}
                {c.tokenCount} tokens · choice {c.choice + 1} of the response
              </span>
            </div>
            <pre className="best-of-text">{outputs?.[c.choice] ?? ''}</pre>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * "Show best_of candidates": runs the editor's request with n = best_of (best_of left out) and logprobs, ranks the
 * candidates by mean logprob — the criterion best_of uses — and marks the ones best_of would have returned, so the
 * discarded ones can be read. The run stays in the page while the dialog is open.
 */
export function BestOfDialog({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { runs, settings } = useStores();
  const [runId] = useState(() => crypto.randomUUID());
  const run = useRunView(runId);
  useEffect(() => {
    runs.start(
      runRequestFor(runId, candidatesDraft(draft), settings.store.get().view?.activeProfileId ?? ''),
    );
    return () => runs.release(runId);
  }, [runs, settings, runId, draft]);
  const n = draft.params.n ?? 1;
  const bestOf = draft.params.best_of ?? n;
  return (
    <Modal title="best_of candidates" onClose={onClose} wide>
      <p className="muted">
        best_of = {bestOf} makes the server generate {bestOf} candidates and return the {n === 1 ? 'one' : n}{' '}
        with the highest mean logprob (log probability per token). Here all {bestOf} are asked for (n ={' '}
        {bestOf}, not streamed, with logprobs) and ranked the same way; with sampling, they are new
        candidates, not the ones an earlier run chose from.
      </p>
      {!run || !hasEnded(run) ? (
        <p role="status">Generating {bestOf} candidates…</p>
      ) : run.status === 'error' ? (
        <p className="param-note param-note-warn" role="alert">
          The server refused the candidates request: {run.error?.status ? `HTTP ${run.error.status} ` : ''}
          {run.error?.message ?? 'unknown error'}. It needs n = {bestOf} and logprobs (llama.cpp's server
          makes one choice only).
        </p>
      ) : run.status === 'cancelled' ? (
        <p role="status">Stopped.</p>
      ) : (
        <Ranking runId={runId} n={n} />
      )}
    </Modal>
  );
}
