/**
 * Entry of the local model worker thread. It owns node-llama-cpp and every loaded model; the engine on the main
 * thread talks to it only through the messages of worker-protocol.ts. `workerData` may set `gpu` ('auto' | false),
 * `maxLoaded` (models kept loaded at once) and `llamaModule` (what to import in place of node-llama-cpp: how tests
 * prove that a missing package or a broken binary leaves the rest of the app working).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { NodeLlamaCpp } from './llama-runtime';
import { WorkerModels } from './worker-models';
import type { FromWorker, ToWorker } from './worker-protocol';
import { runPlan } from './worker-run';

const port = parentPort;
if (!port) throw new Error('model-worker.ts runs only as a worker thread');

const data = (workerData ?? {}) as { gpu?: 'auto' | false; maxLoaded?: number; llamaModule?: string };
const llamaModule = data.llamaModule;
const send = (message: FromWorker) => port.postMessage(message);
const models = new WorkerModels({
  gpu: data.gpu ?? 'auto',
  maxLoaded: data.maxLoaded ?? 2,
  log: (level, message) => send({ type: 'log', level, message }),
  ...(llamaModule ? { importApi: () => import(llamaModule) as Promise<NodeLlamaCpp> } : {}),
});

/** Loads and runs in progress, by request id: `cancel` aborts a load or stops a run before its next token. */
const active = new Map<number, AbortController>();

const handle = async (msg: ToWorker): Promise<void> => {
  switch (msg.type) {
    case 'cancel':
      active.get(msg.id)?.abort();
      return;
    case 'unload':
      await models.unload(msg.config);
      send({ type: 'unloaded', id: msg.id });
      return;
    case 'check': {
      const runtime = await models.runtime();
      if (!runtime.ok) return send({ type: 'failed', id: msg.id, error: runtime.error });
      return send({ type: 'checked', id: msg.id, gpu: runtime.value.llama.gpu });
    }
    case 'load':
    case 'run':
    case 'tokenize':
      break;
  }
  const abort = new AbortController();
  active.set(msg.id, abort);
  try {
    // llama.cpp reports progress per tensor; a percent step is all a progress bar can show.
    let reported = -1;
    const onProgress = (progress: number) => {
      if (msg.type !== 'load' || progress === reported || (progress - reported < 0.01 && progress < 1))
        return;
      reported = progress;
      send({ type: 'progress', id: msg.id, progress });
    };
    const loaded = await models.get(msg.config, onProgress, msg.type === 'load' ? abort.signal : undefined);
    if (!loaded.ok) return send({ type: 'failed', id: msg.id, error: loaded.error });
    const entry = loaded.value;
    if (msg.type === 'load') return send({ type: 'loaded', id: msg.id, info: entry.info });
    if (msg.type === 'tokenize') {
      const tokens = models
        .promptTokens(entry, msg.text)
        .map((t) => ({ id: t, text: entry.model.detokenize([t], true) }));
      return send({ type: 'tokens', id: msg.id, tokens });
    }
    await models.withTurn(entry, () =>
      runPlan(models, entry, msg.id, msg.plan, () => abort.signal.aborted, send),
    );
  } catch (err) {
    send({
      type: 'failed',
      id: msg.id,
      error: { kind: 'server_error', message: err instanceof Error ? err.message : String(err) },
    });
  } finally {
    active.delete(msg.id);
  }
};

port.on('message', (msg: ToWorker) => {
  void handle(msg);
});
