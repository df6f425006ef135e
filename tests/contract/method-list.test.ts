/**
 * Every transport is built from the one method list: its schemas, its channels, the preload's members, the http
 * bridge's and the service's are the same set of names, so a method added to the list reaches all of them or the build
 * fails. (The renderer's test fake checks itself against the list in renderer/src/test-support.)
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ARG_SCHEMAS } from '../../shared/api-schemas';
import { INVOKE_CHANNELS, INVOKE_METHODS, isInvokeMethod, PUSH_CHANNELS } from '../../shared/channels';
import { createDispatcher } from '../../main/core/dispatcher';
import { registerIpc } from '../../main/electron/ipc-adapter';
import { createPreloadApi } from '../../main/electron/preload-api';
// The bridge is plain fetch over shared/, no DOM.
// eslint-disable-next-line no-restricted-imports
import { createHttpBridge } from '../../renderer/bridge/http-bridge';
import { FakeIpcMain } from '../electron/fakes';
import { createDispatcherApi } from './contract-harness';
import { makeService } from '../service/service-harness';

const sorted = (names: Iterable<string>) => [...names].sort();
const METHODS = sorted(INVOKE_METHODS);
const PUSH_MEMBERS = Object.keys(PUSH_CHANNELS);
const invokeKeysOf = (api: object) => sorted(Object.keys(api).filter((k) => !PUSH_MEMBERS.includes(k)));

describe('the one method list', () => {
  it('names each method once, with one channel each, kebab-cased from its name', () => {
    expect(new Set(INVOKE_METHODS).size).toBe(INVOKE_METHODS.length);
    expect(sorted(Object.keys(INVOKE_CHANNELS))).toEqual(METHODS);
    expect(INVOKE_CHANNELS.getKeyStatus).toBe('playground:get-key-status');
    const channels = [...Object.values(INVOKE_CHANNELS), ...Object.values(PUSH_CHANNELS)];
    expect(new Set(channels).size).toBe(channels.length);
    expect(sorted(Object.keys(API_ARG_SCHEMAS))).toEqual(METHODS);
  });

  it('is what the preload, the http bridge, the dispatcher api and the service expose', async () => {
    const { service, dir } = makeService({});
    for (const [name, api] of Object.entries({
      preload: createPreloadApi({ invoke: () => Promise.resolve(null), on: () => undefined }),
      bridge: createHttpBridge({ origin: 'http://127.0.0.1:9', token: 't' }),
      dispatcherApi: createDispatcherApi(createDispatcher(service)),
    })) {
      expect(invokeKeysOf(api), name).toEqual(METHODS);
      expect(sorted(Object.keys(api).filter((k) => PUSH_MEMBERS.includes(k))), name).toEqual(
        sorted(PUSH_MEMBERS),
      );
    }
    expect(sorted(Object.keys(service).filter(isInvokeMethod))).toEqual(METHODS);
    expect(sorted(Object.keys(service).filter((k) => !isInvokeMethod(k)))).toEqual([
      'abortOwner',
      'shutdown',
    ]);
    await service.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is what the IPC adapter registers a handler for', () => {
    const ipcMain = new FakeIpcMain();
    registerIpc(
      ipcMain,
      { dispatch: () => Promise.resolve({ ok: true, value: null }) },
      { abortOwner: () => undefined },
      () => true,
    );
    expect(sorted(ipcMain.handlers.keys())).toEqual(sorted(Object.values(INVOKE_CHANNELS)));
  });

  it('refuses names that are not on it, inherited ones included', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'abortOwner', 'shutdown', 'onRunEvent', 1]) {
      expect(isInvokeMethod(name), String(name)).toBe(false);
    }
    expect(INVOKE_METHODS.every(isInvokeMethod)).toBe(true);
  });
});
