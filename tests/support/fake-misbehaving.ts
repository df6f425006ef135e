/**
 * Upstreams that misbehave on purpose, chosen by model like the rest of the fake server: a stream that never ends
 * (`fake-endless`), one that stalls after three tokens (`fake-stall`) and one that never sends its headers
 * (`fake-no-headers`). They exist to prove the client bounds its memory and its waiting.
 */
import type { ServerResponse } from 'node:http';
import { fakeTokens } from './fake-tokens';

/** Models handled here. */
export const MISBEHAVING_MODELS = ['fake-endless', 'fake-stall', 'fake-no-headers'] as const;

/** Characters of text in each event of `fake-endless`. */
export const ENDLESS_EVENT_CHARS = 1000;

const event = (model: string, text: string) =>
  `data: ${JSON.stringify({ id: 'cmpl-fake', object: 'text_completion', created: 1, model, choices: [{ text, index: 0, logprobs: null, finish_reason: null }] })}\n\n`;

/**
 * Writes events as fast as the socket takes them and never ends. It waits for 'drain' whenever write() says the
 * socket is full, so this process stays small and a client that stops reading really holds the stream up.
 */
const endless = (res: ServerResponse, model: string, streamed: boolean) => {
  res.writeHead(200, { 'Content-Type': streamed ? 'text/event-stream' : 'application/json' });
  const piece = streamed ? event(model, 'endless '.repeat(ENDLESS_EVENT_CHARS / 8)) : 'x'.repeat(16 * 1024);
  if (!streamed) res.write('{"choices":[{"index":0,"text":"');
  const pump = () => {
    while (!res.destroyed) {
      if (!res.write(piece)) return void res.once('drain', pump);
    }
  };
  pump();
};

/** Headers and three tokens (streamed) or half a JSON body (not streamed), then silence until the client leaves. */
const stall = (res: ServerResponse, model: string, prompt: string, streamed: boolean) => {
  res.writeHead(200, { 'Content-Type': streamed ? 'text/event-stream' : 'application/json' });
  if (streamed) for (const token of fakeTokens(prompt, 0, 3)) res.write(event(model, token));
  else res.write('{"id":"cmpl-fake","choices":[{"index":0,"text":"half');
};

/** Answers a misbehaving model; returns false when `model` is not one of them. */
export const misbehave = (res: ServerResponse, model: string, prompt: string, streamed: boolean): boolean => {
  if (model === 'fake-endless') endless(res, model, streamed);
  else if (model === 'fake-stall') stall(res, model, prompt, streamed);
  // fake-no-headers: the request was read; nothing is ever written back.
  else if (model !== 'fake-no-headers') return false;
  return true;
};
