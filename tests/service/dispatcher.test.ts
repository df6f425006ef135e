import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/dispatcher';
import type { PlaygroundService } from '../../main/core/service';
import { INVOKE_METHODS } from '../../shared/channels';
import { createRecordingLogger } from '../contract/contract-harness';

const ctx = { ownerId: 'test', emit: () => undefined };

/** A service whose every member records its call; getSettings throws like a broken disk. */
const fakeService = () => {
  const calls: string[] = [];
  const service = new Proxy({} as PlaygroundService, {
    get:
      (_t, prop) =>
      (...args: unknown[]) => {
        calls.push(`${String(prop)}(${JSON.stringify(args)})`);
        if (prop === 'getSettings')
          throw new Error('EACCES: /secret/path sk-should-not-leak\n    at stack frame');
        return Promise.resolve({ ok: true, value: null });
      },
  });
  return { service, calls };
};

describe('dispatcher', () => {
  it('refuses methods that are not invoke methods, without touching the service', async () => {
    const { service, calls } = fakeService();
    const dispatcher = createDispatcher(service);
    for (const method of [
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'abortOwner',
      'shutdown',
      'onRunEvent',
      '',
    ]) {
      expect(await dispatcher.dispatch(method, [], ctx), method).toMatchObject({
        ok: false,
        error: { kind: 'invalid_input' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('validates arguments with the shared schemas and names the field', async () => {
    const { service, calls } = fakeService();
    const dispatcher = createDispatcher(service);
    expect(await dispatcher.dispatch('getKeyStatus', 'r9s', ctx)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
    expect(await dispatcher.dispatch('getKeyStatus', [], ctx)).toMatchObject({ ok: false });
    expect(await dispatcher.dispatch('getSettings', ['extra'], ctx)).toMatchObject({ ok: false });
    const patch = await dispatcher.dispatch('updateSettings', [{ compareConcurrency: 99 }], ctx);
    expect(patch).toMatchObject({ ok: false, error: { kind: 'invalid_input', param: 'compareConcurrency' } });
    expect(!patch.ok && patch.error.message).toMatch(/^compareConcurrency: /);
    const polluted = await dispatcher.dispatch(
      'saveProfile',
      [JSON.parse('{"name":"x","baseUrl":"http://a.test","__proto__":{"x":1}}')],
      ctx,
    );
    // JSON.parse makes an own `__proto__` key: the strict schema refuses it instead of passing it on.
    expect(polluted).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('passes parsed arguments through for every invoke method', async () => {
    const { service, calls } = fakeService();
    const dispatcher = createDispatcher(service);
    await dispatcher.dispatch('starHistoryEntry', ['id-1', true], ctx);
    await dispatcher.dispatch('listHistory', [{}], ctx);
    expect(calls).toEqual(['starHistoryEntry(["id-1",true])', 'listHistory([{"offset":0,"limit":200}])']);
    expect(INVOKE_METHODS.length).toBe(21);
  });

  it('turns an unexpected throw into an error value without stack, path or key', async () => {
    const { service } = fakeService();
    const logger = createRecordingLogger();
    const result = await createDispatcher(service, logger).dispatch('getSettings', [], ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: 'storage' } });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/stack frame|sk-should|secret\/path/);
    expect(logger.lines.join('\n')).not.toContain('sk-should');
  });
});
