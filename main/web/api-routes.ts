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
 * `POST /api/run` → `text/event-stream` of this run's events only (design rule 7), ending after its terminal event.
 * Events that arrive before startRun's Result are held, so a refused run answers a plain JSON Result instead. Writes
 * within one tick are corked into one packet (100k tokens must not cost 100k syscalls); a client that goes away
 * aborts its run through abortOwner.
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
  let isStreaming = false;
  let isCorked = false;
  const uncork = () => {
    isCorked = false;
    res.uncork();
  };
  const write = (event: RunEvent) => {
    if (res.writableEnded || res.destroyed) return;
    if (!isCorked) {
      isCorked = true;
      res.cork();
      process.nextTick(uncork);
    }
    res.write(`data: ${JSON.stringify(event)}\n\n`);
    if (isTerminal(event)) res.end();
  };
  const ctx: RunContext = { ownerId, emit: (event) => (isStreaming ? write(event) : void held.push(event)) };
  res.on('close', () => {
    if (!res.writableFinished) service.abortOwner(ownerId);
  });

  const started = await dispatcher.dispatch('startRun', argsOf(body.value), ctx);
  if (!started.ok) return sendJson(res, 200, started);
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
