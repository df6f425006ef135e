import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, INVOKE_METHODS, PUSH_CHANNELS } from '../../shared/channels';
import type { RunEvent } from '../../shared/run-events';
import { createPreloadApi, type IpcRendererLike } from '../../main/electron/preload-api';

const root = new URL('../../', import.meta.url).pathname;

/** An ipcRenderer that records invokes and lets the test push events. */
const recordingIpc = () => {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: channel });
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
  };
  const push = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the ipcRenderer object' }, payload);
  };
  return { ipc, invoked, push, listeners };
};

describe('createPreloadApi', () => {
  it('exposes exactly the PlaygroundApi members: invoke methods and the two subscriptions', () => {
    const api = createPreloadApi(recordingIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_METHODS, 'onImportRequest', 'onRunEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each method on its own channel with the arguments unchanged', async () => {
    const { ipc, invoked } = recordingIpc();
    const api = createPreloadApi(ipc) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const method of INVOKE_METHODS) {
      const result = await api[method]!('a', { b: 1 });
      expect(result).toEqual({ ok: true, value: INVOKE_CHANNELS[method] });
    }
    expect(invoked.map((i) => i.channel)).toEqual(INVOKE_METHODS.map((m) => INVOKE_CHANNELS[m]));
    expect(invoked.every((i) => JSON.stringify(i.args) === '["a",{"b":1}]')).toBe(true);
  });

  it('delivers run events to subscribers without the IPC event object, until they unsubscribe', () => {
    const { ipc, push } = recordingIpc();
    const api = createPreloadApi(ipc);
    const seen: unknown[][] = [];
    const off = api.onRunEvent((...args: unknown[]) => seen.push(args));
    const event: RunEvent = { type: 'delta', runId: 'run-00001', choice: 0, text: 'hi' };
    push(PUSH_CHANNELS.onRunEvent, event);
    off();
    push(PUSH_CHANNELS.onRunEvent, event);
    expect(seen).toEqual([[event]]);
  });

  it('holds share codes that arrive before anyone subscribes, then hands them to the first subscriber', () => {
    const { ipc, push } = recordingIpc();
    const api = createPreloadApi(ipc);
    push(PUSH_CHANNELS.onImportRequest, 'early');
    push(PUSH_CHANNELS.onImportRequest, { not: 'a string' });
    const codes: string[] = [];
    const off = api.onImportRequest((code) => codes.push(code));
    push(PUSH_CHANNELS.onImportRequest, 'later');
    off();
    push(PUSH_CHANNELS.onImportRequest, 'after-unsubscribe');
    expect(codes).toEqual(['early', 'later']);
  });

  it('subscribes to IPC once per push channel, at creation (so a first-launch deep link is not lost)', () => {
    const { ipc, listeners } = recordingIpc();
    createPreloadApi(ipc);
    expect([...listeners.keys()].sort()).toEqual(Object.values(PUSH_CHANNELS).sort());
  });

  it('imports nothing but the channel map and types (no zod in the sandboxed preload)', () => {
    const source = readFileSync(`${root}main/electron/preload-api.ts`, 'utf8');
    const valueImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(valueImports).toEqual(['../../shared/channels']);
    const preload = readFileSync(`${root}main/electron/preload.ts`, 'utf8');
    expect([...preload.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['electron', './preload-api']);
  });
});
