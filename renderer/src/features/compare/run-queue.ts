/** One run waiting for (or holding) a slot of its endpoint. */
export interface QueuedRun {
  id: string;
  /** The endpoint's origin: runs to one server share its limit, other servers run in parallel. */
  endpoint: string;
  start: () => void;
}

/** Runs at most `limit()` runs per endpoint at once, starting the next as each finishes. */
export interface RunQueue {
  /** Starts the run now if its endpoint has a free slot, else queues it; returns which. */
  enqueue: (run: QueuedRun) => 'started' | 'queued';
  /** Frees the run's slot (it ended) and starts the next waiting run of that endpoint. */
  finished: (id: string) => void;
  /** Drops a run that has not started yet; false when it is not waiting. */
  cancel: (id: string) => boolean;
  isWaiting: (id: string) => boolean;
}

/** Makes a queue; `limit` is read at every decision so a settings change applies at once. */
export function createRunQueue(limit: () => number): RunQueue {
  const running = new Map<string, Set<string>>();
  const waiting = new Map<string, QueuedRun[]>();
  const endpointOf = new Map<string, string>();

  const slotsFree = (endpoint: string) => (running.get(endpoint)?.size ?? 0) < Math.max(1, limit());
  const begin = (run: QueuedRun) => {
    const set = running.get(run.endpoint) ?? new Set<string>();
    set.add(run.id);
    running.set(run.endpoint, set);
    run.start();
  };
  const pump = (endpoint: string) => {
    const list = waiting.get(endpoint) ?? [];
    while (list.length > 0 && slotsFree(endpoint)) begin(list.shift()!);
    if (list.length === 0) waiting.delete(endpoint);
  };

  return {
    enqueue(run) {
      endpointOf.set(run.id, run.endpoint);
      if (slotsFree(run.endpoint) && !waiting.has(run.endpoint)) {
        begin(run);
        return 'started';
      }
      waiting.set(run.endpoint, [...(waiting.get(run.endpoint) ?? []), run]);
      return 'queued';
    },
    finished(id) {
      const endpoint = endpointOf.get(id);
      if (endpoint === undefined) return;
      endpointOf.delete(id);
      running.get(endpoint)?.delete(id);
      pump(endpoint);
    },
    cancel(id) {
      const endpoint = endpointOf.get(id);
      const list = endpoint === undefined ? undefined : waiting.get(endpoint);
      const i = list?.findIndex((r) => r.id === id) ?? -1;
      if (!list || i < 0) return false;
      list.splice(i, 1);
      endpointOf.delete(id);
      if (list.length === 0) waiting.delete(endpoint!);
      return true;
    },
    isWaiting: (id) => [...waiting.values()].some((l) => l.some((r) => r.id === id)),
  };
}
