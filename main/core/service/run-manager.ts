import type { RunEvent, TerminalRunEvent } from '../../../shared/run-events';
import { isTerminal } from '../../../shared/run-events';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/schemas';
import type { Clock, FetchLike, HistoryStore, Logger } from '../ports';
import type { LocalEngine, LocalModelConfig } from '../local';
import { runCompletion, type ProviderTarget } from '../provider';
import { createStreamRedactor, redactSecrets } from '../secrets/redact';
import { createRunRecorder } from './run-recorder';

/** Who sent a call and where that caller's run events go (docs/architecture.md#one-run-one-terminal-event). */
export interface RunContext {
  /**
   * The page that asked: Electron's WebContents id, web mode's page id. A run belongs to the page that started it:
   * only that page receives its events and may cancel it, and an owner that goes away has its runs aborted.
   */
  ownerId: string;
  emit: (event: RunEvent) => void;
  /**
   * A promise while the sender cannot take more events (web mode: the page stopped reading); the run then stops
   * reading its stream until it resolves. Absent where delivery never pushes back (Electron IPC).
   */
  whenWritable?: () => Promise<void> | undefined;
}

/** What a run needs from its profile, looked up after its id is claimed. */
export type RunTarget = (
  | { target: ProviderTarget; local?: undefined }
  /** A local profile's model, run by the local engine with the same events, recorder and redaction. */
  | { local: LocalModelConfig; target?: undefined }
) & {
  profileName: string;
  /** Most characters kept per choice; the run ends with an output-limit error there. */
  outputLimitChars: number;
};

interface ActiveRun {
  ownerId: string;
  controller: AbortController;
  finished: Promise<void>;
}

/** Replaces every known key in an event's JSON (a server may echo a key in its error message or its raw answer). */
const scrub = <E extends RunEvent>(event: E, secrets: readonly string[]): E => {
  if (secrets.length === 0) return event;
  const text = JSON.stringify(event);
  const redacted = redactSecrets(text, secrets);
  return redacted === text ? event : (JSON.parse(redacted) as E);
};

/**
 * Runs by runId (docs/architecture.md#one-run-one-terminal-event): one AbortController each, a runId is used once
 * per process and never twice in history, events go only to the owner's emit, and every run ends in exactly one
 * terminal event. Every known key is redacted from the events before history or the page sees them — deltas too,
 * since the key never reaches the renderer (docs/architecture.md#write-only-key), even when a server writes it back.
 */
export const createRunManager = (deps: {
  fetch: FetchLike;
  clock: Clock;
  history: HistoryStore;
  logger: Logger;
  /** Every key known to this process, longest first. */
  secrets: () => readonly string[];
  /** Runs local profiles; absent where local models are not wired (a local run is then refused before it starts). */
  localEngine?: LocalEngine;
}) => {
  const { history, logger } = deps;
  const runs = new Map<string, ActiveRun>();
  const used = new Set<string>();

  const isTaken = (runId: string) => used.has(runId) || history.get(runId) !== undefined;

  const launch = (request: RunRequest, ctx: RunContext, options: RunTarget) => {
    const { runId } = request;
    const controller = new AbortController();
    const recorder = createRunRecorder({
      request,
      profileName: options.profileName,
      history,
      logger,
      now: () => deps.clock.now(),
    });
    let terminal: TerminalRunEvent | undefined;
    const redactor = createStreamRedactor(deps.secrets);
    const deliver = (event: RunEvent) => {
      recorder.onEvent(event);
      try {
        ctx.emit(event);
      } catch (error) {
        logger.warn('run: event delivery failed', { runId, error: String(error).slice(0, 200) });
      }
    };
    const emit = (raw: RunEvent) => {
      if (terminal) return; // exactly one terminal event, nothing after it
      if (raw.type === 'delta') {
        const text = redactor.push(raw.choice, raw.text);
        if (text !== '') deliver(text === raw.text ? raw : { ...raw, text });
        return;
      }
      const event = scrub(raw, deps.secrets());
      if (isTerminal(event)) {
        // Text held back as the possible start of a key turned out not to be one: it still belongs to the output.
        for (const [choice, text] of redactor.flush()) deliver({ type: 'delta', runId, choice, text });
        terminal = event;
      }
      deliver(event);
    };
    logger.info('run: start', { runId, model: request.params.model, owner: ctx.ownerId });
    const common = {
      runId,
      params: request.params,
      ...(request.extraBody ? { extraBody: request.extraBody } : {}),
      signal: controller.signal,
      emit,
      clock: deps.clock,
    };
    const engineRun =
      options.local !== undefined
        ? deps.localEngine
          ? deps.localEngine.runCompletion({
              ...common,
              model: options.local,
              outputLimitChars: options.outputLimitChars,
            })
          : Promise.reject(new Error('no local engine'))
        : runCompletion({
            ...common,
            target: options.target,
            fetch: deps.fetch,
            outputLimitChars: options.outputLimitChars,
            ...(ctx.whenWritable ? { whenWritable: ctx.whenWritable } : {}),
          });
    const finished = engineRun
      .then((end) => emit(end))
      .catch((error: unknown) => {
        // runCompletion never throws by contract; if it does, the run still ends with one terminal event.
        logger.error('run: engine threw', { runId, error: String(error).slice(0, 300) });
        emit({
          type: 'error',
          runId,
          error: { kind: 'protocol', message: 'The run failed unexpectedly.' },
          metrics: { durationMs: 0, attempts: 1 },
          partial: false,
        });
      })
      .finally(() => {
        runs.delete(runId);
        logger.info('run: end', { runId, status: terminal?.type });
      });
    runs.set(runId, { ownerId: ctx.ownerId, controller, finished });
  };

  return {
    /**
     * Claims the run's id before anything is awaited, so two calls with one id cannot both pass the check, then
     * resolves its target and starts it. A run that could not start gives its id back for a retry.
     */
    async start(
      request: RunRequest,
      ctx: RunContext,
      resolveTarget: () => Promise<Result<RunTarget>>,
    ): Promise<Result<{ runId: string }>> {
      const { runId } = request;
      if (isTaken(runId)) {
        return fail('conflict', `Run id ${runId} was already used; start a run with a new id.`);
      }
      used.add(runId);
      let resolved: Result<RunTarget>;
      try {
        resolved = await resolveTarget();
      } catch (error) {
        used.delete(runId);
        throw error;
      }
      if (!resolved.ok) {
        used.delete(runId);
        return resolved;
      }
      launch(request, ctx, resolved.value);
      return ok({ runId });
    },
    /**
     * Aborts a run of this owner. Another owner's run answers false like an unknown id, so a page learns nothing
     * about the runs of other pages.
     */
    cancel(runId: string, ownerId: string): boolean {
      const run = runs.get(runId);
      if (!run || run.ownerId !== ownerId || run.controller.signal.aborted) return false;
      run.controller.abort();
      return true;
    },
    /** Aborts every run of an owner that went away (a WebContents destroyed, crashed or navigated away). */
    abortOwner(ownerId: string) {
      for (const run of runs.values()) if (run.ownerId === ownerId) run.controller.abort();
    },
    /** Aborts every run and waits until each has recorded its end. */
    async stopAll() {
      const pending = [...runs.values()];
      for (const run of pending) run.controller.abort();
      await Promise.all(pending.map((r) => r.finished));
    },
    activeCount: () => runs.size,
  };
};

/** The run manager the service uses. */
export type RunManager = ReturnType<typeof createRunManager>;
