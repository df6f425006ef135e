import type { HistoryEntry, HistoryStatus } from '../../../shared/api';
import { buildBody } from '../../../shared/request-body';
import type { RequestRecord, RunEvent, TerminalRunEvent, Usage } from '../../../shared/run-events';
import type { RunRequest } from '../../../shared/schemas';
import { createTokenKeeper } from '../history/history-tokens';
import type { HistoryStore, Logger } from '../ports';

/** History checkpoints a streaming run at most this often (a crash keeps what had streamed). */
export const PROGRESS_INTERVAL_MS = 1000;

/** Characters of the prompt kept in a history row's preview. */
const PREVIEW_CHARS = 200;

/**
 * Most characters of output history keeps per run, all choices together: every checkpoint rewrites the run's file,
 * and many choices at the output limit would otherwise make files of hundreds of MB.
 */
export const HISTORY_OUTPUT_CHARS = 8 * 1024 * 1024;

/** Appended to an output history cut short, so the record says so instead of looking complete. */
export const HISTORY_CUT_NOTE = `\n[… history keeps the first ${HISTORY_OUTPUT_CHARS.toLocaleString('en-US')} characters of a run's output]`;

const STATUS: Record<TerminalRunEvent['type'], HistoryStatus> = {
  done: 'done',
  error: 'error',
  cancelled: 'cancelled',
};

/**
 * Records one run in history from its events: `start` at `started` (before the request leaves: the engine emits it
 * first, with the exact body and redacted headers), `progress` at most once a second, `finish` at the terminal event
 * (a cancelled or failed run keeps its partial output). History failures are logged, never allowed to break a run.
 */
export const createRunRecorder = (options: {
  request: RunRequest;
  profileName: string;
  history: HistoryStore;
  logger: Logger;
  now: () => number;
}) => {
  const { request, history, logger, now } = options;
  const outputs: string[] = [];
  const cut = new Set<number>();
  const tokens = createTokenKeeper();
  let kept = 0;
  let usage: Usage | undefined;
  let isStarted = false;
  let lastProgressAt = 0;

  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      logger.error(`history: ${what} failed`, { runId: request.runId, error: String(error).slice(0, 300) });
    }
  };

  const start = (record: RequestRecord, at: number) => {
    isStarted = true;
    lastProgressAt = now();
    const entry: HistoryEntry = {
      id: request.runId,
      startedAt: at,
      status: 'running',
      model: request.params.model,
      profileName: options.profileName,
      ...(request.presetName !== undefined ? { presetName: request.presetName } : {}),
      ...(request.grid !== undefined ? { grid: request.grid } : {}),
      ...(request.parentRunId !== undefined ? { parentRunId: request.parentRunId } : {}),
      promptPreview: request.params.prompt.slice(0, PREVIEW_CHARS),
      outputPreview: '',
      starred: false,
      params: request.params,
      ...(request.extraBody !== undefined ? { extraBody: request.extraBody } : {}),
      profileId: request.profileId,
      request: record,
      outputs: [],
    };
    guard('start', () => history.start(entry));
  };

  const finish = (event: TerminalRunEvent) => {
    // A run that failed before its request was built still gets a row, with the body it would have sent.
    if (!isStarted)
      start(
        { url: '', method: 'POST', headers: {}, body: buildBody(request.params, request.extraBody) },
        now(),
      );
    const end = {
      status: STATUS[event.type],
      outputs: Array.from(outputs, (o, i) => (o ?? '') + (cut.has(i) ? HISTORY_CUT_NOTE : '')),
      ...tokens.fields(),
      metrics: event.metrics,
      durationMs: event.metrics.durationMs,
      ...(event.type === 'done' ? { choices: event.choices, response: event.response } : {}),
      ...(event.type === 'error'
        ? { error: event.error, ...(event.response ? { response: event.response } : {}) }
        : {}),
    };
    const finalUsage = (event.type === 'done' ? event.usage : undefined) ?? usage;
    guard('finish', () => history.finish(request.runId, finalUsage ? { ...end, usage: finalUsage } : end));
  };

  return {
    onEvent(event: RunEvent) {
      switch (event.type) {
        case 'started':
          return start(event.request, event.at);
        case 'delta': {
          if (event.logprobs) tokens.add(event.choice, event.logprobs, event.promptTokens);
          const room = HISTORY_OUTPUT_CHARS - kept;
          const text = event.text.length > room ? event.text.slice(0, Math.max(0, room)) : event.text;
          if (text.length < event.text.length) cut.add(event.choice);
          if (text === '') return;
          kept += text.length;
          outputs[event.choice] = (outputs[event.choice] ?? '') + text;
          const t = now();
          if (t - lastProgressAt >= PROGRESS_INTERVAL_MS) {
            lastProgressAt = t;
            guard('progress', () =>
              history.progress(
                request.runId,
                Array.from(outputs, (o) => o ?? ''),
              ),
            );
          }
          return;
        }
        case 'usage':
          usage = event.usage;
          return;
        case 'retrying':
          return;
        default:
          return finish(event);
      }
    },
  };
};
