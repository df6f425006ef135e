/**
 * Progress on stderr: a bar redrawn in place when stderr is a terminal, plain lines (at most one every 2 s, and
 * the last) when it is a log file or a CI console, where carriage returns would pile up.
 */
import type { GridProgress } from '../../shared/grid/grid-types';

/** m:ss (or h:mm:ss). */
export const formatDuration = (ms: number): string => {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

/** The words of a progress report: `12/40 done · 1 failed · 27 left · 0:12 elapsed · ETA 0:30`. */
export const progressText = (p: GridProgress): string => {
  const parts = [`${p.done + p.failed}/${p.total} done`];
  if (p.failed > 0) parts.push(`${p.failed} failed`);
  parts.push(`${p.remaining} left`, `${formatDuration(p.elapsedMs)} elapsed`);
  if (p.etaMs !== undefined && p.remaining > 0) parts.push(`ETA ${formatDuration(p.etaMs)}`);
  return parts.join(' · ');
};

/** A bar of `width` cells for the finished share. */
export const progressBar = (p: GridProgress, width = 24): string => {
  const share = p.total === 0 ? 1 : (p.done + p.failed) / p.total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
};

/** Where progress goes. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  now(): number;
}

/** Reports progress; `update` after every change, `line` for notices, `end` once at the finish. */
export const createProgressReporter = (sink: ProgressSink) => {
  let lastPlain = -Infinity;
  let lastDraw = -Infinity;
  let isBarShown = false;
  const clearBar = () => {
    if (isBarShown) sink.write('\r\x1b[2K');
    isBarShown = false;
  };
  return {
    update(p: GridProgress, force = false) {
      const now = sink.now();
      if (sink.isTTY) {
        if (!force && now - lastDraw < 100) return;
        lastDraw = now;
        sink.write(`\r\x1b[2K${progressBar(p)} ${progressText(p)}`);
        isBarShown = true;
        return;
      }
      if (!force && now - lastPlain < 2_000) return;
      lastPlain = now;
      sink.write(`progress: ${progressText(p)}\n`);
    },
    /** A notice on its own line (the bar is redrawn by the next update). */
    line(text: string) {
      clearBar();
      sink.write(`${text}\n`);
    },
    end(p: GridProgress) {
      if (sink.isTTY) {
        sink.write(`\r\x1b[2K${progressBar(p)} ${progressText(p)}\n`);
        isBarShown = false;
      } else sink.write(`progress: ${progressText(p)}\n`);
    },
  };
};
