/**
 * The engine's model loads: one load per model settings, shared by everyone who waits for it; its progress and
 * outcome kept as a status the page polls (docs/architecture.md#invoke-and-push); and cancelling. A cancelled load
 * leaves the list at once, so a load, run or tokenize that starts while it winds down in the worker starts a fresh
 * load instead of joining the cancelled one.
 */
import type { LocalModelStatus } from '../../../shared/local-model';
import { fail, ok, type AppError, type Result } from '../../../shared/result';
import type { OpenRequest, RequestHandler } from './worker-client';
import type { LoadedModelInfo, LocalModelConfig } from './worker-protocol';

/** Options of one wait for a load. */
export interface JoinOptions {
  /** Aborting it stops waiting; the load itself stops when no one else waits for it. */
  signal?: AbortSignal;
  /** Load progress from 0 to 1. */
  onProgress?: (progress: number) => void;
}

/** Sends a load to the worker. */
export type SendLoad = (
  message: { type: 'load'; config: LocalModelConfig },
  handler: RequestHandler,
) => OpenRequest;

interface SharedLoad {
  promise: Promise<Result<LoadedModelInfo>>;
  settle: (result: Result<LoadedModelInfo>) => void;
  listeners: Set<(progress: number) => void>;
  waiters: number;
  request: OpenRequest;
}

/** The answer of a load that was cancelled (by its last waiter or by the user). */
export const cancelledLoad = (): Result<never> =>
  fail('unavailable', 'Loading the model was cancelled.', { code: 'cancelled' });

const IDLE: LocalModelStatus = { state: 'idle', progress: 0 };

/** Resolves when `signal` aborts (never, without one). */
const aborted = (signal: AbortSignal | undefined): Promise<'aborted'> =>
  new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });

/** Loads in flight and the last status of each model, by model key. */
export class ModelLoads {
  private readonly loads = new Map<string, SharedLoad>();
  private readonly statuses = new Map<string, LocalModelStatus>();
  /** Cancels that came while a load's file was still being checked (before it reached the worker), by key. */
  private readonly earlyCancels = new Map<string, number>();

  constructor(
    private readonly send: SendLoad,
    /** A load succeeded: the engine remembers the model as ready. */
    private readonly onLoaded: (key: string, config: LocalModelConfig) => void,
  ) {}

  /** Waits for the load of `key`, joining the one under way or starting one. */
  async join(
    key: string,
    config: LocalModelConfig,
    opts: JoinOptions = {},
  ): Promise<Result<LoadedModelInfo>> {
    if (opts.signal?.aborted) return cancelledLoad();
    const shared = this.loads.get(key) ?? this.start(key, config);
    shared.waiters++;
    if (opts.onProgress) shared.listeners.add(opts.onProgress);
    try {
      const outcome = await Promise.race([shared.promise, aborted(opts.signal)]);
      return outcome === 'aborted' ? cancelledLoad() : outcome;
    } finally {
      shared.waiters--;
      if (opts.onProgress) shared.listeners.delete(opts.onProgress);
      if (shared.waiters === 0 && opts.signal?.aborted) this.stop(key, shared);
    }
  }

  /** Where the load of `key` stands. */
  status(key: string): LocalModelStatus {
    return this.statuses.get(key) ?? IDLE;
  }

  /** Cancels the load of `key` for everyone waiting on it; false when none is under way. */
  cancel(key: string): boolean {
    const shared = this.loads.get(key);
    if (!shared) {
      if (this.status(key).state !== 'loading') return false;
      // Still checking the file: the load stops before it reaches the worker.
      this.earlyCancels.set(key, (this.earlyCancels.get(key) ?? 0) + 1);
      this.statuses.set(key, statusOf(cancelledLoad()));
      return true;
    }
    this.stop(key, shared);
    return true;
  }

  /**
   * A load is about to start (its file is being checked): the status reads loading from now on. Answers a mark to
   * pass to `cancelledSince` once the check is done.
   */
  checking(key: string): number {
    if (!this.loads.has(key)) this.statuses.set(key, { state: 'loading', progress: 0 });
    return this.earlyCancels.get(key) ?? 0;
  }

  /** Whether the user cancelled while this load's file was being checked (the load must then not start). */
  cancelledSince(key: string, mark: number): boolean {
    return (this.earlyCancels.get(key) ?? 0) !== mark;
  }

  /** A load refused before it reached the worker (a file that is not a model): the status says why. */
  failed(key: string, error: AppError): void {
    if (!this.loads.has(key)) this.statuses.set(key, { state: 'failed', progress: 0, error });
  }

  /** The model of `key` is gone (unloaded): it reads idle again, unless a new load is under way. */
  forget(key: string): void {
    if (!this.loads.has(key)) this.statuses.delete(key);
  }

  /** The worker died and every model with it. */
  forgetLoaded(): void {
    for (const [key, status] of this.statuses) if (status.state === 'loaded') this.statuses.delete(key);
  }

  private start(key: string, config: LocalModelConfig): SharedLoad {
    let resolve!: (result: Result<LoadedModelInfo>) => void;
    const promise = new Promise<Result<LoadedModelInfo>>((r) => (resolve = r));
    let settled = false;
    const holder: { shared?: SharedLoad } = {};
    const settle = (result: Result<LoadedModelInfo>) => {
      if (settled) return;
      settled = true;
      // Settling is synchronous all the way: a load that starts right after this one must not see it.
      if (this.loads.get(key) === holder.shared) {
        this.loads.delete(key);
        this.statuses.set(key, statusOf(result));
      }
      if (result.ok) this.onLoaded(key, config);
      holder.shared?.request.close();
      resolve(result);
    };
    const listeners = new Set<(progress: number) => void>();
    this.statuses.set(key, { state: 'loading', progress: 0 });
    const shared: SharedLoad = {
      promise,
      settle,
      listeners,
      waiters: 0,
      request: this.send(
        { type: 'load', config },
        {
          message: (msg) => {
            if (msg.type === 'progress' && !settled) {
              if (this.loads.get(key) === holder.shared)
                this.statuses.set(key, { state: 'loading', progress: msg.progress });
              for (const l of listeners) l(msg.progress);
            } else if (msg.type === 'loaded') settle(ok(msg.info));
            else if (msg.type === 'failed') settle({ ok: false, error: msg.error });
          },
          end: (error) => settle({ ok: false, error }),
        },
      ),
    };
    holder.shared = shared;
    // The worker client may have answered already (a worker that could not start): then settle set the status.
    if (!settled) this.loads.set(key, shared);
    return shared;
  }

  /** Stops a load: the worker is told to stop, and every waiter gets the cancellation now. */
  private stop(key: string, shared: SharedLoad): void {
    if (this.loads.get(key) !== shared) return;
    shared.request.cancel();
    shared.settle(cancelledLoad());
  }
}

/** The status a finished load leaves. */
const statusOf = (result: Result<LoadedModelInfo>): LocalModelStatus => {
  if (result.ok) return { state: 'loaded', progress: 1 };
  const state = result.error.code === 'cancelled' ? 'cancelled' : 'failed';
  return { state, progress: 0, error: result.error };
};
