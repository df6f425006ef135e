/**
 * Entry of the token-estimate worker thread: a BPE count of a 2 MB prompt takes a second or more, which on the main
 * thread would stall every run's stream (and, in the desktop app, the window's IPC).
 */
import { parentPort } from 'node:worker_threads';
import { estimateWithEncoders } from './encoders';
import type { EstimateAnswer, EstimateAsk } from './estimator';

const port = parentPort;
if (!port) throw new Error('estimate-worker.ts runs only as a worker thread');
port.on('message', (msg: EstimateAsk) => {
  void estimateWithEncoders(msg.text, msg.model).then((count) =>
    port.postMessage({ id: msg.id, count } satisfies EstimateAnswer),
  );
});
