/**
 * The main-thread side of the model worker: starts it on first use, numbers requests, routes each reply to its
 * request, and turns a worker that dies into an error for every request still open (the next request starts a new
 * worker).
 */
import type { Worker } from 'node:worker_threads';
import type { AppError } from '../../../shared/result';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Starts a model worker; the composition root knows where the built worker script is. */
export type SpawnModelWorker = () => Worker;

/** Receives the replies to one request; `end` is called once, when the worker died. */
export interface RequestHandler {
  message(msg: FromWorker): void;
  end(error: AppError): void;
}

/** Distributive Omit, so each message variant keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A handle on one open request. */
export interface OpenRequest {
  id: number;
  /** Asks the worker to stop this load or run. */
  cancel(): void;
  /** Stops routing replies to this request (call when it has its final answer). */
  close(): void;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly open = new Map<number, RequestHandler>();

  constructor(
    private readonly spawn: SpawnModelWorker,
    private readonly hooks: {
      onLog: (level: 'warn' | 'error', message: string) => void;
      /** The worker is gone, and every model it had loaded with it. */
      onExit: () => void;
    },
  ) {}

  /** Sends a request; replies go to `handler` until `close()`. */
  request(message: WithoutId<ToWorker>, handler: RequestHandler): OpenRequest {
    const id = this.nextId++;
    this.open.set(id, handler);
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      this.open.delete(id);
      handler.end({ kind: 'unavailable', message: `The local model worker could not start: ${String(err)}` });
      return { id, cancel: () => {}, close: () => {} };
    }
    worker.postMessage({ ...message, id });
    return {
      id,
      cancel: () => {
        if (this.open.has(id)) this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
      },
      close: () => this.open.delete(id),
    };
  }

  /** Stops the worker (and with it every model); open requests end with an error. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll('The local model worker was stopped.');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    // The worker never keeps the app alive by itself: quitting must not wait for an idle model.
    worker.unref();
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'log') return this.hooks.onLog(msg.level, msg.message);
      this.open.get(msg.id)?.message(msg);
    });
    worker.on('error', (err) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(`The local model worker failed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(`The local model worker stopped (exit code ${code}).`);
    });
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    this.hooks.onExit();
    const handlers = [...this.open.values()];
    this.open.clear();
    for (const h of handlers) h.end({ kind: 'unavailable', message });
  }
}
