import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/dispatcher';
import type { PlaygroundService } from '../../main/core/service';
import { INVOKE_METHODS } from '../../shared/channels';
import { createRecordingLogger } from '../contract/contract-harness';

const ctx = { ownerId: 'test', emit: () => undefined };

/**
 * A service whose every member records that it was read and called; getSettings throws like a broken disk. Reads
 * are recorded too, so a test can tell the dispatcher never even looked up a name that is not an invoke method.
 */
const fakeService = () => {
  const calls: string[] = [];
  const reads: string[] = [];
  const service = new Proxy({} as PlaygroundService, {
    get: (_t, prop) => {
      reads.push(String(prop));
      return (...args: unknown[]) => {
        calls.push(`${String(prop)}(${JSON.stringify(args)})`);
        if (prop === 'getSettings')
          throw new Error('EACCES: /secret/path sk-should-not-leak\n    at stack frame');
        return Promise.resolve({ ok: true, value: null });
      };
    },
  });
  return { service, calls, reads };
};

describe('dispatcher', () => {
  it('refuses methods that are not invoke methods, without touching the service', async () => {
    const { service, calls, reads } = fakeService();
    const dispatcher = createDispatcher(service);
    for (const method of [
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'abortOwner',
      'shutdown',
      'onRunEvent',
      'then',
      '',
    ]) {
      expect(await dispatcher.dispatch(method, [], ctx), method).toMatchObject({
        ok: false,
        error: { kind: 'invalid_input' },
      });
    }
    expect(reads).toEqual([]);
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

  it('calls the service method of the same name with the parsed arguments, then the caller', async () => {
    const { service, calls } = fakeService();
    const dispatcher = createDispatcher(service);
    await dispatcher.dispatch('starHistoryEntry', ['id-1', true], ctx);
    await dispatcher.dispatch('listHistory', [{}], ctx);
    await dispatcher.dispatch('getDraft', [], { ...ctx, ownerId: 'page-2' });
    expect(calls).toEqual([
      'starHistoryEntry(["id-1",true,{"ownerId":"test"}])',
      'listHistory([{"offset":0,"limit":200},{"ownerId":"test"}])',
      'getDraft([{"ownerId":"page-2"}])',
    ]);
  });

  it('reaches every method of the list, and nothing else', async () => {
    const { service, reads } = fakeService();
    const dispatcher = createDispatcher(service);
    // Wrong arguments stop a call at its schema, after the name was checked and before the service is read.
    for (const method of INVOKE_METHODS) await dispatcher.dispatch(method, [{ not: 'valid' }, 1, 2], ctx);
    expect(reads).toEqual([]);
    await dispatcher.dispatch('getSettings', [], ctx);
    await dispatcher.dispatch('exportHistory', ['csv'], ctx);
    expect(reads).toEqual(['getSettings', 'exportHistory']);
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
  it('refuses arguments nested past the limit, cyclic or shared without end, before any schema or the service', async () => {
    const { service, calls } = fakeService();
    const dispatcher = createDispatcher(service);
    // Deep enough that a recursive schema would overflow its stack.
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = { nested: deep };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // 2^60 paths through 60 shared objects: a walker without a budget would never end.
    let shared: unknown = 'x';
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    for (const value of [deep, cyclic, shared]) {
      const result = await dispatcher.dispatch('saveDraft', [value], ctx);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
      expect(result.ok ? '' : result.error.message).toContain('deeper than 64');
    }
    expect(calls).toEqual([]);
  });

  it('passes arguments at the nesting limit on to the schema', async () => {
    const { service } = fakeService();
    const dispatcher = createDispatcher(service);
    let nested: unknown = 1;
    for (let i = 0; i < 62; i++) nested = [nested];
    // The draft schema refuses this shape, but by naming the field, not the depth.
    const result = await dispatcher.dispatch('saveDraft', [nested], ctx);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(JSON.stringify(result)).not.toContain('deeper than');
  });
});
