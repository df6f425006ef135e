import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, INVOKE_METHODS, PUSH_CHANNELS } from '../../shared/channels';
import { ok, type Result } from '../../shared/result';
import type { RunEvent } from '../../shared/run-events';
import { registerIpc, type IpcRunContext } from '../../main/electron/ipc-adapter';
import { createTrustedSenders } from '../../main/electron/trusted-sender';
import { FakeIpcMain, FakeWebContents } from './fakes';

const INDEX = 'app://playground/index.html';
const metrics = { durationMs: 1, attempts: 1 };

/** A dispatcher that records calls; startRun keeps the context so the test can emit events. */
const fakeDispatcher = () => {
  const calls: { method: string; args: unknown; ctx: IpcRunContext }[] = [];
  let answer: (method: string) => Promise<Result<unknown>> = (method) =>
    Promise.resolve(method === 'cancelRun' ? ok({ wasRunning: true }) : ok({ method }));
  return {
    calls,
    setAnswer: (fn: typeof answer) => (answer = fn),
    dispatch: (method: string, args: unknown, ctx: IpcRunContext) => {
      calls.push({ method, args, ctx });
      return answer(method);
    },
  };
};

const setup = () => {
  const ipcMain = new FakeIpcMain();
  const dispatcher = fakeDispatcher();
  const aborted: string[] = [];
  const trusted = createTrustedSenders({ kind: 'app', url: INDEX, dir: '/app/out/renderer' });
  const unregister = registerIpc(
    ipcMain,
    dispatcher,
    { abortOwner: (id) => aborted.push(id) },
    trusted.isTrusted,
  );
  const window = () => {
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    return contents;
  };
  const call = (contents: FakeWebContents, method: keyof typeof INVOKE_CHANNELS, ...args: unknown[]) =>
    ipcMain.invokeFrom(contents, contents.mainFrame, INVOKE_CHANNELS[method], ...args) as Promise<
      Result<unknown>
    >;
  return { ipcMain, dispatcher, aborted, trusted, unregister, window, call };
};

const run = (runId: string) => ({
  runId,
  profileId: 'r9s',
  params: { model: 'm', prompt: 'p', stream: true },
});

describe('registerIpc', () => {
  it('registers one handler per channel of the shared map, and removes them all', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map((m) => INVOKE_CHANNELS[m]).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes the argument array as received, with the method name, to the dispatcher', async () => {
    const { dispatcher, window, call } = setup();
    const contents = window();
    const result = await call(contents, 'setApiKey', 'r9s', 'sk-secret-0000');
    expect(result).toEqual(ok({ method: 'setApiKey' }));
    expect(dispatcher.calls).toHaveLength(1);
    expect(dispatcher.calls[0]).toMatchObject({ method: 'setApiKey', args: ['r9s', 'sk-secret-0000'] });
    expect(dispatcher.calls[0]!.ctx.ownerId).toBe(String(contents.id));
  });

  it('refuses untrusted senders BEFORE the dispatcher is called', async () => {
    const { ipcMain, dispatcher, window } = setup();
    const stranger = new FakeWebContents(INDEX);
    const ours = window();
    const subframe = { url: INDEX, parent: ours.mainFrame };
    const elsewhere = { url: 'https://evil.example/', parent: null };
    for (const [contents, frame] of [
      [stranger, stranger.mainFrame],
      [ours, subframe],
      [ours, elsewhere],
      [ours, null],
    ] as const) {
      for (const method of INVOKE_METHODS) {
        const result = (await ipcMain.invokeFrom(
          contents,
          frame,
          INVOKE_CHANNELS[method],
          'x',
        )) as Result<unknown>;
        expect(result).toMatchObject({ ok: false, error: { kind: 'permission_denied' } });
      }
    }
    expect(dispatcher.calls).toHaveLength(0);
  });

  it('sends run events only to the WebContents that started the run', async () => {
    const { dispatcher, window, call } = setup();
    const a = window();
    const b = window();
    await call(a, 'startRun', run('run-aaaaaaaa'));
    await call(b, 'getSettings');
    const ctx = dispatcher.calls[0]!.ctx;
    const delta: RunEvent = { type: 'delta', runId: 'run-aaaaaaaa', choice: 0, text: 'x' };
    ctx.emit(delta);
    ctx.emit({
      type: 'done',
      runId: 'run-aaaaaaaa',
      choices: [],
      metrics,
      response: { status: 200, statusText: 'OK', headers: {} },
    });
    expect(a.sent.map((s) => s.channel)).toEqual([PUSH_CHANNELS.onRunEvent, PUSH_CHANNELS.onRunEvent]);
    expect(a.sent[0]!.args).toEqual([delta]);
    expect(b.sent).toEqual([]);
  });

  it('names each window by its WebContents id, so the run manager can tell whose run a call is about', async () => {
    const { dispatcher, window, call } = setup();
    const a = window();
    const b = window();
    await call(a, 'startRun', run('run-owned000'));
    await call(b, 'cancelRun', 'run-owned000');
    await call(a, 'cancelRun', 'run-owned000');
    // The adapter decides nothing about runs: every call reaches the dispatcher with its sender's id.
    expect(dispatcher.calls.map((c) => [c.method, c.ctx.ownerId])).toEqual([
      ['startRun', String(a.id)],
      ['cancelRun', String(b.id)],
      ['cancelRun', String(a.id)],
    ]);
    expect(a.id).not.toBe(b.id);
  });

  it('aborts the runs of a WebContents that is destroyed, crashes or reloads, and stops sending to it', async () => {
    const { dispatcher, aborted, window, call } = setup();
    const a = window();
    await call(a, 'startRun', run('run-gone0000'));
    const ctx = dispatcher.calls[0]!.ctx;
    a.emit('did-navigate');
    a.emit('render-process-gone');
    expect(aborted).toEqual([String(a.id), String(a.id)]);
    a.destroy();
    expect(aborted).toEqual([String(a.id), String(a.id), String(a.id)]);
    expect(() => ctx.emit({ type: 'cancelled', runId: 'run-gone0000', metrics })).not.toThrow();
    expect(a.sent).toEqual([]);
  });

  it('turns a throwing dispatcher into an error value without its message', async () => {
    const { dispatcher, window, call } = setup();
    dispatcher.setAnswer(() => Promise.reject(new Error('boom with sk-secret-1234')));
    const result = await call(window(), 'getSettings');
    expect(result).toMatchObject({ ok: false, error: { kind: 'server_error' } });
    expect(JSON.stringify(result)).not.toContain('sk-secret');
  });
});
