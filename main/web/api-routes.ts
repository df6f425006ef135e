import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunEvent } from '../../shared/run-events';
import { isTerminal } from '../../shared/run-events';
import type { Dispatcher } from '../core/dispatcher';
import type { PlaygroundService, RunContext } from '../core/service';
import { readJsonBody, refuse, SECURITY_HEADERS, sendJson } from './web-guards';

/** The body of every API request: the positional arguments of the method. */
const argsOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'args')
    ? (body as { args: unknown }).args
    : undefined;

/** Plain calls carry no run events; their context only names the caller. */
const CALL_CONTEXT: RunContext = { ownerId: 'http-call', emit: () => undefined };

/** `POST /api/call/<method>` → the Result as JSON (the dispatcher refuses unknown methods and bad args). */
export const handleCall = async (
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dispatcher: Dispatcher,
  maxBodyBytes: number,
): Promise<void> => {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) return refuse(res, body.status, 'invalid_input', body.message);
  if (method === 'startRun') return refuse(res, 400, 'invalid_input', 'startRun streams: use POST /api/run');
  sendJson(res, 200, await dispatcher.dispatch(method, argsOf(body.value), CALL_CONTEXT));
};

/**
 * Batches a run's events per event-loop turn into one write (100k tokens must not cost 100k writes or 100k JSON
 * encodings): consecutive deltas of one choice within a tick travel as one delta with their texts joined, which is
 * still only new text and adds no latency, since the batch leaves at the end of this turn. The terminal event
 * flushes and ends the response. `whenWritable` tells the run when the page stopped reading: write() buffers
 * whatever it is given, so a page that reads nothing would otherwise grow this process by the whole stream.
 */
const createSseWriter = (res: ServerResponse) => {
  const batch: RunEvent[] = [];
  let isScheduled = false;
  let drained: Promise<void> | undefined;
  const flush = () => {
    isScheduled = false;
    if (batch.length === 0 || res.writableEnded || res.destroyed) return void (batch.length = 0);
    let text = '';
    for (const event of batch) text += `data: ${JSON.stringify(event)}\n\n`;
    batch.length = 0;
    res.write(text);
  };
  const write = (event: RunEvent) => {
    const last = batch[batch.length - 1];
    if (event.type === 'delta' && last?.type === 'delta' && last.choice === event.choice) {
      batch[batch.length - 1] = { ...last, text: last.text + event.text };
    } else batch.push(event);
    if (isTerminal(event)) {
      flush();
      if (!res.writableEnded) res.end();
    } else if (!isScheduled) {
      isScheduled = true;
      // setImmediate, not nextTick: every upstream chunk read in this poll phase joins the batch, so the page
      // gets fewer, larger network tasks at no added latency.
      setImmediate(flush);
    }
  };
  /** A promise while the socket holds more than its high-water mark; it settles on 'drain' or when the page left. */
  const whenWritable = (): Promise<void> | undefined => {
    if (!res.writableNeedDrain || res.destroyed) return undefined;
    drained ??= new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        drained = undefined;
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
    return drained;
  };
  return { write, whenWritable };
};

/**
 * `POST /api/run` → `text/event-stream` of this run's events only, ending after its terminal event.
 * Events that arrive before startRun's Result are held, so a refused run answers a plain JSON Result instead. A
 * client that goes away aborts its run through abortOwner.
 */
export const handleRun = async (
  req: IncomingMessage,
  res: ServerResponse,
  dispatcher: Dispatcher,
  service: PlaygroundService,
  maxBodyBytes: number,
): Promise<void> => {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) return refuse(res, body.status, 'invalid_input', body.message);

  const ownerId = `http-run-${randomUUID()}`;
  const held: RunEvent[] = [];
  const { write, whenWritable } = createSseWriter(res);
  let isStreaming = false;
  const ctx: RunContext = {
    ownerId,
    emit: (event) => (isStreaming ? write(event) : void held.push(event)),
    whenWritable,
  };
  res.on('close', () => {
    if (!res.writableFinished) service.abortOwner(ownerId);
  });

  const started = await dispatcher.dispatch('startRun', argsOf(body.value), ctx);
  if (!started.ok) return sendJson(res, 200, started);
  // The client may have left while the run was being set up: its close came before abortOwner could find the run.
  if (res.destroyed) return service.abortOwner(ownerId);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  isStreaming = true;
  for (const event of held.splice(0)) write(event);
};
