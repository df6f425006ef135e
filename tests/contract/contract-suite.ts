/**
 * THE contract suite: one set of behaviours every transport of PlaygroundApi must show. It runs against the
 * dispatcher in process, over real HTTP through the http bridge, and over the IPC loopback through the real adapter
 * and preload.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaygroundApi } from '../../shared/api';
import type { RunEvent } from '../../shared/run-events';
import { groupTokens } from '../../shared/token-logprobs';
import { fakePromptTokens } from '../support/fake-logprobs';
import { fakeText, type FakeServer } from '../support/fake-openai-server';
import { CONTRACT_TEST_KEY } from './contract-harness';
import { readAllFiles, recordingApi, runRequest, runToEnd } from './contract-helpers';

/** What a transport hands the suite; `dataDir`, when given, is searched for the key after close, then removed. */
export interface ContractSubject {
  api: PlaygroundApi;
  /** Another page on the same service: another WebContents, another http bridge, another owner. */
  openPage(): PlaygroundApi;
  fake: FakeServer;
  close(): Promise<void>;
  dataDir?: string;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
};

/** Registers the suite for one transport; `makeApi` is called once per test (fresh data dir and fake server). */
export const runContractSuite = (transportName: string, makeApi: () => Promise<ContractSubject>): void => {
  describe(`PlaygroundApi contract over ${transportName}`, () => {
    let subject: ContractSubject;
    let api: PlaygroundApi;
    let seen: string[];

    beforeEach(async () => {
      subject = await makeApi();
      ({ api, seen } = recordingApi(subject.api));
    });

    afterEach(async () => {
      // The key never comes back through any value or event, nor sits in any stored file.
      const leaks = seen.filter((text) => text.includes(CONTRACT_TEST_KEY));
      const dataDir = subject.dataDir;
      await subject.close();
      expect(leaks).toEqual([]);
      if (dataDir) {
        const files = readAllFiles(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
        expect(files.length).toBeGreaterThan(0);
        expect(files.filter((f) => f.text.includes(CONTRACT_TEST_KEY)).map((f) => f.path)).toEqual([]);
      }
    });

    it('streams a run: started, deltas, exactly one terminal done, nothing after it', async () => {
      const request = runRequest();
      const run = await runToEnd(api, request);
      expect(must(run.started)).toEqual({ runId: request.runId });
      expect(run.events[0]?.type).toBe('started');
      expect(run.texts[0]).toBe(fakeText(request.params.prompt, 0, 8));
      expect(run.terminal.type).toBe('done');
      if (run.terminal.type === 'done')
        expect(run.terminal.choices).toEqual([{ index: 0, finishReason: 'length' }]);
      expect(run.events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type))).toHaveLength(1);
      const count = run.events.length;
      must(await api.getSettings()); // a round trip: any straggling event of the run would have arrived by now
      expect(run.events).toHaveLength(count);
      const sent = subject.fake.requests.at(-1);
      expect(sent?.headers.authorization).toBe(`Bearer ${CONTRACT_TEST_KEY}`);
      expect(sent?.body).toEqual({
        model: 'fake-model',
        prompt: request.params.prompt,
        max_tokens: 8,
        stream: true,
      });
    });

    it('interleaves n=2 choices by index', async () => {
      const request = runRequest({ n: 2, max_tokens: 6 });
      const run = await runToEnd(api, request);
      expect(run.terminal.type).toBe('done');
      expect(run.texts).toEqual([0, 1].map((c) => fakeText(request.params.prompt, c, 6)));
    });

    it('carries every token probability of a run, with the echoed prompt counted, and history keeps them', async () => {
      // One choice: its deltas follow each other, so a transport that joins consecutive deltas does join them here.
      const request = runRequest({ max_tokens: 24, logprobs: 2, echo: true });
      const run = await runToEnd(api, request);
      expect(run.terminal.type).toBe('done');
      const deltas = run.events.filter((e) => e.type === 'delta');
      for (const choice of [0]) {
        const mine = deltas.filter((d) => d.choice === choice);
        const tokens = mine.flatMap((d) => d.logprobs ?? []);
        // However a transport joins deltas, the tokens still make the choice's text and none is lost.
        expect(
          groupTokens(tokens)
            .map((g) => g.text)
            .join(''),
        ).toBe(run.texts[choice]);
        expect(mine.reduce((sum, d) => sum + (d.promptTokens ?? 0), 0)).toBe(
          fakePromptTokens(request.params.prompt).length,
        );
        expect(tokens[0]?.logprob).toBeNull();
      }
      const entry = must(await api.getHistoryEntry(request.runId));
      expect(
        entry.tokens?.map((list) =>
          groupTokens(list)
            .map((g) => g.text)
            .join(''),
        ),
      ).toEqual(run.texts);
      expect(entry.promptTokens).toEqual([fakePromptTokens(request.params.prompt).length]);
    });

    it('cancels a streaming run: one cancelled event, the server sees the connection close', async () => {
      const request = runRequest({ model: 'fake-slow' });
      const before = subject.fake.requests.length;
      let cancelled: Promise<unknown> | undefined;
      const run = await runToEnd(api, request, (event: RunEvent) => {
        if (event.type === 'delta' && !cancelled) cancelled = api.cancelRun(request.runId);
      });
      expect(must((await cancelled) as never)).toEqual({ wasRunning: true });
      expect(run.terminal.type).toBe('cancelled');
      expect(run.events.filter((e) => e.type === 'cancelled')).toHaveLength(1);
      expect(await subject.fake.whenClosed(before)).toEqual({ aborted: true });
      expect(run.texts[0]?.length).toBeGreaterThan(0);
      expect(fakeText(request.params.prompt, 0, 400).startsWith(run.texts[0] ?? '-')).toBe(true);
      expect(must(await api.cancelRun(request.runId))).toEqual({ wasRunning: false });
      const entry = must(await api.getHistoryEntry(request.runId));
      expect(entry).toMatchObject({ status: 'cancelled', outputs: [run.texts[0]] });
    });

    it('refuses invalid arguments with invalid_input naming the field', async () => {
      const hot = await api.startRun(runRequest({ temperature: 5 }));
      expect(hot.ok).toBe(false);
      if (!hot.ok) {
        expect(hot.error.kind).toBe('invalid_input');
        expect(hot.error.message).toContain('temperature');
        expect(hot.error.param).toContain('temperature');
      }
      const badId = await api.startRun({ ...runRequest(), runId: 'x' });
      expect(!badId.ok && badId.error.message).toContain('runId');
      const theme = await api.updateSettings({ theme: 'neon' as never });
      expect(!theme.ok && theme.error.kind).toBe('invalid_input');
      const emptyKey = await api.setApiKey('r9s', '   ');
      expect(!emptyKey.ok && emptyKey.error.kind).toBe('invalid_input');
    });

    it('refuses a duplicate runId, while running and after it ended', async () => {
      const first = runRequest();
      await runToEnd(api, first);
      const again = await api.startRun(first);
      expect(!again.ok && again.error.kind).toBe('conflict');

      const slow = runRequest({ model: 'fake-slow' });
      const duplicate: unknown[] = [];
      let cancelling: Promise<unknown> | undefined;
      const ended = runToEnd(api, slow, (e) => {
        if (e.type === 'started') void api.startRun(slow).then((r) => void duplicate.push(r));
        // One cancel, awaited below: deltas still arrive until the terminal event (held-back text is delivered).
        if (e.type === 'delta' && duplicate.length > 0) cancelling ??= api.cancelRun(slow.runId);
      });
      expect((await ended).terminal.type).toBe('cancelled');
      await cancelling;
      expect(duplicate).toMatchObject([{ ok: false, error: { kind: 'conflict' } }]);
    });

    it('lets only the page that started a run see and stop it', async () => {
      const other = subject.openPage();
      const seenByOther: RunEvent[] = [];
      other.onRunEvent((event) => void seenByOther.push(event));
      const request = runRequest({ model: 'fake-slow' });
      let stops: Promise<[unknown, unknown]> | undefined;
      const run = await runToEnd(api, request, (event) => {
        // The other page asks first and is answered before the owner asks.
        if (event.type === 'delta' && !stops) {
          stops = other
            .cancelRun(request.runId)
            .then(async (foreign) => [foreign, await api.cancelRun(request.runId)]);
        }
      });
      const [foreign, own] = (await stops) ?? [];
      expect(foreign).toEqual({ ok: true, value: { wasRunning: false } });
      expect(own).toEqual({ ok: true, value: { wasRunning: true } });
      expect(run.terminal.type).toBe('cancelled');
      // Deltas went on between the refused cancel and the owner's.
      expect(run.texts[0]?.length).toBeGreaterThan(0);
      must(await other.getSettings()); // a round trip: a stray event for the other page would have arrived
      expect(seenByOther).toEqual([]);
    });

    it('lists, adds, edits and removes profiles; one always remains', async () => {
      const initial = must(await api.getSettings());
      expect(initial.profiles).toEqual([
        expect.objectContaining({ id: 'r9s', name: 'r9s', baseUrl: subject.fake.url }),
      ]);
      expect(initial.activeProfileId).toBe('r9s');
      expect(initial).toMatchObject({ theme: 'system', compareConcurrency: 4, historyRetention: 10_000 });

      const added = must(await api.saveProfile({ name: 'Local llama', baseUrl: 'http://127.0.0.1:9/v1' }));
      expect(added).toMatchObject({
        name: 'Local llama',
        headers: {},
        retry: { enabled: true },
      });
      const edited = must(
        await api.saveProfile({
          id: added.id,
          name: 'Llama',
          baseUrl: 'http://127.0.0.1:9',
          headers: { 'X-Team': 'a' },
        }),
      );
      expect(edited).toMatchObject({ id: added.id, name: 'Llama', headers: { 'X-Team': 'a' } });
      const missing = await api.saveProfile({ id: 'nope', name: 'x', baseUrl: 'http://a.example' });
      expect(!missing.ok && missing.error.kind).toBe('not_found');

      must(await api.updateSettings({ activeProfileId: added.id }));
      const afterRemove = must(await api.removeProfile(added.id));
      expect(afterRemove.profiles.map((p) => p.id)).toEqual(['r9s']);
      expect(afterRemove.activeProfileId).toBe('r9s');
      const last = await api.removeProfile('r9s');
      expect(!last.ok && last.error.kind).toBe('conflict');
    });

    it('reports key status without the key, and holds the key back from a new origin until confirmed', async () => {
      const env = must(await api.getKeyStatus('r9s'));
      expect(env).toEqual({
        profileId: 'r9s',
        configured: true,
        storage: 'environment',
        last4: CONTRACT_TEST_KEY.slice(-4),
      });

      const other = must(await api.saveProfile({ name: 'Other', baseUrl: subject.fake.url }));
      expect(must(await api.getKeyStatus(other.id))).toMatchObject({ configured: false, storage: 'none' });
      const set = must(await api.setApiKey(other.id, `${CONTRACT_TEST_KEY}-2`));
      expect(set).toMatchObject({ profileId: other.id, configured: true, last4: 'Z9-2' });
      expect(set.originMismatch).toBeUndefined();

      const moved = subject.fake.url.replace('127.0.0.1', 'localhost');
      must(await api.saveProfile({ id: other.id, name: 'Other', baseUrl: moved }));
      expect(must(await api.getKeyStatus(other.id)).originMismatch).toEqual({
        keyOrigin: subject.fake.url,
        profileOrigin: moved,
      });
      const sentBefore = subject.fake.requests.length;
      const refused = await runToEnd(api, runRequest({}, other.id));
      const failed = refused.started.ok ? refused.terminal : refused.started;
      expect(failed).toMatchObject({ error: { kind: 'authentication' } });
      expect(JSON.stringify(failed)).toContain('Confirm');
      expect(subject.fake.requests.length).toBe(sentBefore);

      expect(must(await api.confirmKeyOrigin(other.id)).originMismatch).toBeUndefined();
      const ran = await runToEnd(api, runRequest({}, other.id));
      expect(ran.terminal.type).toBe('done');
      expect(subject.fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CONTRACT_TEST_KEY}-2`);

      expect(must(await api.clearApiKey(other.id))).toMatchObject({ configured: false, storage: 'none' });
    });

    it('saves, lists and deletes presets (delete returns the preset)', async () => {
      const preset = {
        id: 'preset-1',
        name: 'Creative',
        description: 'warm',
        params: { model: 'fake-model', prompt: '', stream: true, temperature: 1.2 },
        includesPrompt: false,
        createdAt: 1,
        updatedAt: 2,
      };
      expect(must(await api.listPresets())).toEqual([]);
      expect(must(await api.savePreset(preset))).toEqual(preset);
      must(await api.savePreset({ ...preset, name: 'Creative 2' }));
      expect(must(await api.listPresets())).toEqual([{ ...preset, name: 'Creative 2' }]);
      expect(must(await api.deletePreset('preset-1'))).toEqual({ ...preset, name: 'Creative 2' });
      expect(must(await api.listPresets())).toEqual([]);
      const gone = await api.deletePreset('preset-1');
      expect(!gone.ok && gone.error.kind).toBe('not_found');
    });

    it('round-trips the draft', async () => {
      expect(must(await api.getDraft())).toBeNull();
      const draft = {
        params: { model: 'fake-model', prompt: 'draft 東京 🙂', stream: false, stop: ['\n'] },
        presetId: 'p',
      };
      expect(must(await api.saveDraft(draft))).toBeNull();
      expect(must(await api.getDraft())).toEqual(draft);
    });

    it('lists the models of a profile', async () => {
      const models = must(await api.listModels('r9s'));
      expect(models.map((m) => m.id)).toContain('fake-model');
      const missing = await api.listModels('nope');
      expect(!missing.ok && missing.error.kind).toBe('not_found');
    });

    it('records runs in history, errors included, with the key redacted', async () => {
      const request = { ...runRequest(), presetName: 'My preset' };
      await runToEnd(api, request);
      const failing = runRequest({ model: 'fake-status-401' });
      const failed = await runToEnd(api, failing);
      expect(failed.terminal).toMatchObject({
        type: 'error',
        error: { kind: 'authentication', status: 401 },
      });

      const page = must(await api.listHistory({}));
      expect(page.items.map((i) => i.id)).toEqual(expect.arrayContaining([request.runId, failing.runId]));
      const entry = must(await api.getHistoryEntry(request.runId));
      expect(entry).toMatchObject({
        status: 'done',
        model: 'fake-model',
        profileName: 'r9s',
        presetName: 'My preset',
        outputs: [fakeText(request.params.prompt, 0, 8)],
        request: {
          method: 'POST',
          body: { model: 'fake-model', prompt: request.params.prompt, max_tokens: 8, stream: true },
        },
      });
      expect(entry.request.headers['Authorization']).toBe('Bearer [redacted]');
      expect(must(await api.getHistoryEntry(failing.runId))).toMatchObject({
        status: 'error',
        error: { kind: 'authentication' },
      });

      expect(must(await api.starHistoryEntry(request.runId, true))).toMatchObject({
        id: request.runId,
        starred: true,
      });
      expect(must(await api.exportHistory('jsonl'))).toContain(request.runId);
      must(await api.exportHistory('csv'));
      expect(must(await api.deleteHistoryEntry(failing.runId))).toBeNull();
      const gone = await api.getHistoryEntry(failing.runId);
      expect(!gone.ok && gone.error.kind).toBe('not_found');
    });
  });
};
