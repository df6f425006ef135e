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

/** The header the http bridge names its page in (renderer/bridge/http-bridge.ts sends it). */
export const PAGE_HEADER = 'x-playground-page';

/** A page id as the bridge makes it: 128 random bits in hex, or any id at least that long. */
const PAGE_ID = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * Who a request speaks for: the page named in its page header, else a fresh owner of its own. The page id stands in
 * for Electron's WebContents id: a page's runs answer only to calls that carry its id, which the bridge keeps to
 * itself and the server never sends back, so no other page can cancel them. Undefined when the header is malformed.
 */
const ownerOf = (req: IncomingMessage): string | undefined => {
  const page = req.headers[PAGE_HEADER];
  if (page === undefined) return `anonymous-${randomUUID()}`;
  return typeof page === 'string' && PAGE_ID.test(page) ? `page-${page}` : undefined;
};

/** `POST /api/call/<method>` → the Result as JSON (the dispatcher refuses unknown methods and bad args). */
export const handleCall = async (
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dispatcher: Dispatcher,
  maxBodyBytes: number,
): Promise<void> => {
  const ownerId = ownerOf(req);
  if (ownerId === undefined) return refuse(res, 400, 'invalid_input', `malformed ${PAGE_HEADER} header`);
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) return refuse(res, body.status, 'invalid_input', body.message);
  if (method === 'startRun') return refuse(res, 400, 'invalid_input', 'startRun streams: use POST /api/run');
  // A plain call carries no run events back: only its owner matters (to cancelRun).
  const ctx: RunContext = { ownerId, emit: () => undefined };
  sendJson(res, 200, await dispatcher.dispatch(method, argsOf(body.value), ctx));
};

/**
 * Batches a run's events per event-loop turn into one write (100k tokens must not cost 100k writes or 100k JSON
 * encodings): consecutive deltas of one choice within a tick travel as one delta with their texts joined, which is
 * still only new text (docs/architecture.md#one-run-one-terminal-event) and adds no latency, since the batch leaves at
 * the end of this turn. The terminal event flushes and ends the response.
 */
type DeltaEvent = Extract<RunEvent, { type: 'delta' }>;

/**
 * Two consecutive deltas of a choice as one: the text joined, and the tokens too (the prompt's count added up), so
 * joining never drops a token. The joined token list is a fresh array, then grown in place by later joins.
 */
const joinDeltas = (a: DeltaEvent, b: DeltaEvent): DeltaEvent => {
  const joined: DeltaEvent = { ...a, text: a.text + b.text };
  if (b.logprobs) {
    const tokens = joinedTokens.has(a) && a.logprobs ? a.logprobs : [...(a.logprobs ?? [])];
    for (const t of b.logprobs) tokens.push(t);
    joined.logprobs = tokens;
    joinedTokens.add(joined);
  }
  const prompt = (a.promptTokens ?? 0) + (b.promptTokens ?? 0);
  if (prompt > 0) joined.promptTokens = prompt;
  return joined;
};
/** Joined deltas whose token list belongs to the batch (so it may grow in place). */
const joinedTokens = new WeakSet<DeltaEvent>();

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
      batch[batch.length - 1] = joinDeltas(last, event);
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
 * `POST /api/run` → `text/event-stream` of this run's events only (docs/architecture.md#one-run-one-terminal-event),
 * ending after its terminal event. Events that arrive before startRun's Result are held, so a refused run answers a
 * plain JSON Result instead. A stream that closes before its run ended (the page went away) cancels that run.
 */
export const handleRun = async (
  req: IncomingMessage,
  res: ServerResponse,
  dispatcher: Dispatcher,
  service: PlaygroundService,
  maxBodyBytes: number,
): Promise<void> => {
  const ownerId = ownerOf(req);
  if (ownerId === undefined) return refuse(res, 400, 'invalid_input', `malformed ${PAGE_HEADER} header`);
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) return refuse(res, body.status, 'invalid_input', body.message);

  const held: RunEvent[] = [];
  const { write, whenWritable } = createSseWriter(res);
  let isStreaming = false;
  const ctx: RunContext = {
    ownerId,
    emit: (event) => (isStreaming ? write(event) : void held.push(event)),
    whenWritable,
  };

  const started = await dispatcher.dispatch('startRun', argsOf(body.value), ctx);
  if (!started.ok) return sendJson(res, 200, started);
  // Cancelled as its owner, so the page's other runs (each on its own stream) go on.
  const stop = () => void service.cancelRun(started.value.runId, ctx);
  // The client may have left while the run was being set up, before there was a run to stop.
  if (res.destroyed) return stop();
  res.on('close', () => {
    if (!res.writableFinished) stop();
  });
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
