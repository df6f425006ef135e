import type { GridProgress } from '../../../../shared/grid/grid-types';

const seconds = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** The grid's progress: a bar, then done / failed / remaining, elapsed time, an ETA and the cost so far (when priced). */
export function GridProgressBar({ progress }: { progress: GridProgress }) {
  const finished = progress.done + progress.failed;
  const parts = [
    `${progress.done} done`,
    `${progress.failed} failed`,
    `${progress.remaining} remaining`,
    `elapsed ${seconds(progress.elapsedMs)}`,
    ...(progress.isRunning && progress.etaMs !== undefined ? [`ETA ${seconds(progress.etaMs)}`] : []),
    ...(progress.cost !== undefined ? [`cost ${progress.cost.toFixed(4)}`] : []),
  ];
  return (
    <div className="grid-progress">
      <progress aria-label="Grid progress" max={Math.max(1, progress.total)} value={finished} />
      <span className="muted" aria-live="off">
        {parts.join(' · ')}
      </span>
    </div>
  );
}
