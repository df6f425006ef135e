import { describe, expect, it } from 'vitest';
import { INVOKE_METHODS, isInvokeMethod, PUSH_CHANNELS } from '../../../shared/channels';
import { createFakeApi } from './fake-api';

describe('the component-test fake api', () => {
  it('has every method of the list, and the push members, as functions', () => {
    const fake = createFakeApi();
    expect(Object.keys(fake).filter(isInvokeMethod).sort()).toEqual([...INVOKE_METHODS].sort());
    for (const member of [...INVOKE_METHODS, ...Object.keys(PUSH_CHANNELS)]) {
      expect(typeof (fake as unknown as Record<string, unknown>)[member], member).toBe('function');
    }
  });

  it('answers a method no test needs with a failure naming it, never a throw', async () => {
    expect(await createFakeApi().saveProfile({ name: 'x', baseUrl: 'http://127.0.0.1:9' })).toEqual({
      ok: false,
      error: { kind: 'invalid_input', message: 'saveProfile is not in this fake' },
    });
  });

  it("streams the script's events after `started`; a manual run gets none, not even on cancel", async () => {
    const fake = createFakeApi();
    const seen: string[] = [];
    fake.onRunEvent((e) => seen.push(`${e.runId}:${e.type}`));
    const params = { model: 'm', prompt: 'p', stream: true };
    await fake.startRun({ runId: 'run-scripted', profileId: 'p1', params });
    fake.script = () => 'manual';
    await fake.startRun({ runId: 'run-manual0', profileId: 'p1', params });
    await fake.cancelRun('run-manual0');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['run-scripted:started', 'run-scripted:delta', 'run-scripted:done']);
    expect(fake.runs.map((r) => r.runId)).toEqual(['run-scripted', 'run-manual0']);
    expect(fake.cancelled).toEqual(['run-manual0']);
  });
});
