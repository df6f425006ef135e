/** A model worker for tests that need a load to be slow and certain: no llama.cpp, only its messages. */
import { Worker } from 'node:worker_threads';
import { createLocalEngine } from '../../../main/core/local';

/**
 * A worker that answers loads the way llama.cpp's does, but slowly: progress 0.25 at once, loaded after 300 ms; a
 * cancel takes 200 ms to wind down before the load answers "cancelled"; an unload is answered at once. It counts
 * the loads it was sent.
 */
export const SCRIPTED_WORKER = `
const { parentPort } = require('node:worker_threads');
const open = new Map();
let loads = 0;
parentPort.on('message', (msg) => {
  if (msg.type === 'load') {
    loads++;
    parentPort.postMessage({ type: 'progress', id: msg.id, progress: 0.25 });
    open.set(msg.id, setTimeout(() => {
      open.delete(msg.id);
      parentPort.postMessage({ type: 'loaded', id: msg.id,
        info: { name: 'scripted', contextSize: 512, threads: 1, vocabularySize: 10, gpu: false, loads } });
    }, 300));
  } else if (msg.type === 'unload') {
    parentPort.postMessage({ type: 'unloaded', id: msg.id });
  } else if (msg.type === 'cancel' && open.has(msg.id)) {
    clearTimeout(open.get(msg.id));
    open.delete(msg.id);
    setTimeout(() => parentPort.postMessage({ type: 'failed', id: msg.id,
      error: { kind: 'unavailable', message: 'Loading the model was cancelled.', code: 'cancelled' } }), 200);
  }
});`;

/** An engine on the scripted worker. */
export const scriptedEngine = () =>
  createLocalEngine({ spawnWorker: () => new Worker(SCRIPTED_WORKER, { eval: true }) });
