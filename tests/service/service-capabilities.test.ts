/**
 * The service's "know the server" methods against the flavoured fake server: a check through the service is bounded
 * and stored per profile + model (and survives a relaunch), token counts are exact only where the check found a
 * tokenize endpoint, the automatic check is allowed only on loopback/private profiles, and price tables are kept in
 * settings alone: no preset, history export or share code carries one.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CHECK_REQUESTS, MAX_CHECK_TOKENS } from '../../shared/capability-plan';
import { containsPriceTable, type PriceTable } from '../../shared/cost';
import { ROUGH_LABEL } from '../../shared/token-budget';
import { createPresetFile, serializePresetFile } from '../../shared/preset-format';
import { decodeShareCode, encodeShareCode } from '../../shared/share-code';
import { CALLER } from '../contract/contract-harness';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { makeService } from './service-harness';

let server: FakeServer | undefined;
let made: ReturnType<typeof makeService> | undefined;
afterEach(async () => {
  await made?.service.shutdown();
  if (made) rmSync(made.dir, { recursive: true, force: true });
  made = undefined;
  await server?.close();
  server = undefined;
});

const start = async (flavour: 'llama.cpp' | 'openai' | 'vllm') => {
  server = await startFakeServer({ flavour });
  made = makeService({ env: { baseUrl: server.url } });
  return { server, service: made.service };
};

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('checkServer through the service', () => {
  it('classifies llama-server, stays within the plan, and keeps the report per profile + model', async () => {
    const { server, service } = await start('llama.cpp');
    const plan = value(await service.planServerCheck('r9s', CALLER));
    expect(plan.requests).toBeLessThanOrEqual(MAX_CHECK_REQUESTS);
    const report = value(await service.checkServer('r9s', 'fake-model', CALLER));
    expect(server.requests.length).toBe(plan.requests);
    for (const r of server.requests.filter((q) => q.path === '/v1/completions')) {
      expect((r.body as { max_tokens: number }).max_tokens).toBeLessThanOrEqual(MAX_CHECK_TOKENS);
    }
    expect(report.params.n.status).toBe('rejected');
    expect(report.params.echo).toMatchObject({ status: 'rejected', httpStatus: 500 });
    expect(report.tokenizer).toBe('llama.cpp');
    expect(report.contextLength?.tokens).toBe(512);

    const stored = value(await service.listCapabilityReports(CALLER));
    expect(stored.map((s) => [s.profileId, s.report.model])).toEqual([['r9s', 'fake-model']]);

    // A relaunch on the same data folder reads the report back.
    const dir = made!.dir;
    await service.shutdown();
    made = makeService({ dir, env: { baseUrl: server.url } });
    const again = value(await made.service.listCapabilityReports(CALLER));
    expect(again[0]?.report.params.echo.status).toBe('rejected');
  });

  it('a remote profile is never checked automatically; a loopback one may be, unless turned off', async () => {
    made = makeService({ env: { baseUrl: 'https://api.example.com' } });
    expect(value(await made.service.planServerCheck('r9s', CALLER)).automatic).toBe(false);
    await made.service.shutdown();
    rmSync(made.dir, { recursive: true, force: true });
    made = makeService({ env: { baseUrl: 'http://127.0.0.1:9' } });
    expect(value(await made.service.planServerCheck('r9s', CALLER)).automatic).toBe(true);
    await made.service.shutdown();
    rmSync(made.dir, { recursive: true, force: true });
    made = makeService({ env: { baseUrl: 'http://192.168.1.20:8080', autoCheck: false } });
    expect(value(await made.service.planServerCheck('r9s', CALLER)).automatic).toBe(false);
  });
});

describe('countPromptTokens through the service', () => {
  it('is exact through /tokenize once a check found it, and a labelled estimate before', async () => {
    const { server, service } = await start('vllm');
    expect(value(await service.countPromptTokens('r9s', 'fake-model', 'one two three', CALLER))).toEqual({
      count: Math.ceil('one two three'.length / 4),
      exact: false,
      label: ROUGH_LABEL,
    });
    expect(server.requests).toHaveLength(0);
    value(await service.checkServer('r9s', 'fake-model', CALLER));
    const before = server.requests.length;
    const count = value(await service.countPromptTokens('r9s', 'fake-model', 'one two three four', CALLER));
    expect(count).toEqual({ count: 4, exact: true, label: 'exact (server)' });
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/tokenize']);
  });

  it('a newer count from the same page cancels the one still waiting', async () => {
    const { server, service } = await start('llama.cpp');
    value(await service.checkServer('r9s', 'fake-model', CALLER));
    // The first count's answer never comes; the second one is answered by the flavour.
    server.enqueue({ chunks: [], after: 'hang' });
    const first = service.countPromptTokens('r9s', 'fake-model', 'slow', CALLER);
    await new Promise((r) => setTimeout(r, 50));
    const second = await service.countPromptTokens('r9s', 'fake-model', 'a b', CALLER);
    expect(value(second)?.count).toBe(2);
    const firstResult = await first;
    expect(firstResult.ok ? 'answered' : firstResult.error.message).toMatch(/cancelled/);
  });
});

describe('price tables', () => {
  const table: PriceTable = {
    currency: 'USD',
    models: { 'fake-model': { inputPerMillion: 1, outputPerMillion: 2 } },
  };

  it('are written to settings, read back after a relaunch, and removed with null', async () => {
    made = makeService({ env: { baseUrl: 'http://127.0.0.1:9' } });
    expect(value(await made.service.setPriceTable('r9s', table, CALLER))).toEqual({ r9s: table });
    const dir = made.dir;
    await made.service.shutdown();
    made = makeService({ dir, env: { baseUrl: 'http://127.0.0.1:9' } });
    expect(value(await made.service.getPriceTables(CALLER))).toEqual({ r9s: table });
    expect(value(await made.service.setPriceTable('r9s', null, CALLER))).toEqual({});
    const missing = await made.service.setPriceTable('nobody', table, CALLER);
    expect(missing.ok ? 'saved' : missing.error.kind).toBe('not_found');
  });

  it('never reach presets, a history export or a share code', async () => {
    const { service } = await start('openai');
    value(await service.setPriceTable('r9s', table, CALLER));
    const preset = {
      id: 'p1',
      name: 'Priced',
      description: '',
      params: { model: 'fake-model', prompt: 'hi', stream: false },
      includesPrompt: true,
      createdAt: 1,
      updatedAt: 1,
    };
    value(await service.savePreset(preset, CALLER));
    const presets = value(await service.listPresets(CALLER));
    expect(containsPriceTable(presets)).toBe(false);
    expect(JSON.stringify(presets)).not.toContain('inputPerMillion');
    const history = value(await service.exportHistory('jsonl', CALLER));
    expect(history).not.toContain('inputPerMillion');
    // The export file and the share code are made from the stored presets, with the base URL included.
    const file = createPresetFile(presets, { includeBaseUrl: 'http://127.0.0.1:9' });
    expect(serializePresetFile(file)).not.toContain('inputPerMillion');
    const decoded = decodeShareCode(encodeShareCode(file));
    expect(decoded.ok).toBe(true);
    expect(containsPriceTable(decoded.ok ? decoded.value : undefined)).toBe(false);
    const settings = value(await service.getSettings(CALLER));
    expect(containsPriceTable(settings)).toBe(false);
  });
});
