/**
 * The team folder's guarantees that matter when the folder is shared: a reader never sees half a file, nothing
 * secret is ever written there, and the folder setting is checked, remembered and cleared as asked.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/dispatcher';
import type { Preset } from '../../shared/schemas';
import { CALLER } from '../contract/contract-harness';
import { makeService } from '../service/service-harness';
import { cleanupTeamDirs, makeTeamService, must, teamDir } from './team-harness';

const shutdowns: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of shutdowns.splice(0)) await stop();
  cleanupTeamDirs();
});

const start = async (options: Parameters<typeof makeTeamService>[0] = {}) => {
  const made = await makeTeamService(options);
  shutdowns.push(() => made.service.shutdown());
  return made;
};

const preset = (id: string, temperature: number, prompt = ''): Preset => ({
  id,
  name: 'Big',
  description: '',
  params: { model: 'fake-model', prompt, stream: true, temperature },
  includesPrompt: prompt !== '',
  createdAt: 1,
  updatedAt: 1,
});

/**
 * Reads the file as fast as it can on another thread until told to stop; reports how many reads it made and every
 * text that was not a whole preset file (JSON that does not parse, or a file without its closing brace).
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let reads = 0;
const torn = [];
let stop = false;
parentPort.on('message', () => { stop = true; });
const loop = () => {
  for (let i = 0; i < 200 && !stop; i++) {
    let text;
    try { text = readFileSync(workerData.path, 'utf8'); } catch (e) { if (e.code === 'ENOENT') continue; throw e; }
    reads++;
    try { JSON.parse(text); if (!text.endsWith('}\\n')) torn.push(text.length); } catch { torn.push(text.length); }
  }
  if (stop) parentPort.postMessage({ reads, torn }); else setImmediate(loop);
};
loop();
`;

describe('atomic writes', () => {
  it('never lets a reader polling the file see half of it', async () => {
    const { service, folder } = await start();
    // About 1.5 MB per file: many write calls each, so a non-atomic write would be caught half done.
    const long = 'x'.repeat(1_500_000);
    const first = must(await service.saveTeamPreset(preset('a', 0), { includeBaseUrl: false }, CALLER));
    const reader = new Worker(READER, { eval: true, workerData: { path: join(folder, first.fileName) } });
    const report = new Promise<{ reads: number; torn: number[] }>((resolve) =>
      reader.once('message', resolve),
    );
    let hash = first.hash;
    for (let i = 1; i <= 40; i++) {
      const entry = must(
        await service.saveTeamPreset(
          preset('a', i / 40, i % 2 ? long : 'short'),
          { fileName: first.fileName, baseHash: hash, includeBaseUrl: false },
          CALLER,
        ),
      );
      hash = entry.hash;
    }
    reader.postMessage('stop');
    const { reads, torn } = await report;
    await reader.terminate();
    expect(reads).toBeGreaterThan(40);
    expect(torn).toEqual([]);
    // No temp file is left behind.
    expect(readdirSync(folder)).toEqual([first.fileName]);
  });
});

describe('secrets', () => {
  it('writes no key, no Authorization header and no price table into any file of the folder', async () => {
    const envKey = 'sk-env-9f8e7d6c5b4a39281706';
    const typedKey = 'sk-typed-0a1b2c3d4e5f60718293';
    const { service, folder } = await start({
      env: { baseUrl: 'https://api.example.test/v1', apiKey: envKey },
    });
    const profile = must(
      await service.saveProfile(
        { name: 'Other', baseUrl: 'http://llm.example.test', headers: { 'X-Team': 'blue' } },
        CALLER,
      ),
    );
    must(await service.setApiKey(profile.id, typedKey, CALLER));
    must(await service.savePreset(preset('mine', 0.4), CALLER));
    must(await service.moveTeamPreset({ to: 'team', presetId: 'mine', includeBaseUrl: true }, CALLER));
    must(await service.saveTeamPreset(preset('t1', 0.5, 'hello'), { includeBaseUrl: true }, CALLER));
    must(await service.updateSettings({ activeProfileId: profile.id }, CALLER));
    must(await service.saveTeamPreset(preset('t2', 0.6), { includeBaseUrl: true }, CALLER));
    must(await service.saveTeamPreset(preset('t3', 0.7), { includeBaseUrl: false }, CALLER));

    const names = readdirSync(folder);
    expect(names).toHaveLength(4);
    for (const name of names) {
      const text = readFileSync(join(folder, name), 'utf8');
      for (const needle of [envKey, typedKey, 'sk-', 'Bearer', 'uthorization', 'apiKey', 'X-Team', 'price']) {
        expect(text, `${name} holds ${needle}`).not.toContain(needle);
      }
      expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'version', 'presets']);
    }
  });

  it('refuses a preset that carries any field the format does not name, before anything is written', async () => {
    const { service, folder, logger } = await start();
    const dispatcher = createDispatcher(service, logger);
    const res = await dispatcher.dispatch(
      'saveTeamPreset',
      [{ ...preset('x', 0.5), apiKey: 'sk-smuggled-123456' }, { includeBaseUrl: false }],
      CALLER,
    );
    expect(res).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('file names from the page', () => {
  it('are refused unless they name a *.preset.json inside the folder', async () => {
    const { service, folder, logger } = await start();
    const dispatcher = createDispatcher(service, logger);
    for (const fileName of [
      '../outside.preset.json',
      'sub/inner.preset.json',
      'sub\\inner.preset.json',
      'c:stream.preset.json',
      '.hidden.preset.json',
      'nul\u0000.preset.json',
      'notes.txt',
    ]) {
      const save = await dispatcher.dispatch(
        'saveTeamPreset',
        [preset('x', 0.5), { fileName, includeBaseUrl: false }],
        CALLER,
      );
      expect(save, fileName).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
      const move = await dispatcher.dispatch(
        'moveTeamPreset',
        [{ to: 'mine', fileName, baseHash: 'x' }],
        CALLER,
      );
      expect(move, fileName).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(join(folder, '..')).filter((n) => n === 'outside.preset.json')).toEqual([]);
  });
});

describe('the folder setting', () => {
  it('checks the path: absolute, existing, a folder, readable', async () => {
    const { service } = makeService({});
    shutdowns.push(() => service.shutdown());
    const file = join(teamDir(), 'x.txt');
    writeFileSync(file, 'x');
    const refusals = {
      'team-presets': /not an absolute path/,
      [join(teamDir(), 'missing')]: /there is no such folder/,
      [file]: /is not a folder/,
    };
    for (const [path, message] of Object.entries(refusals)) {
      const res = await service.setTeamFolder(path, CALLER);
      expect(res.ok, path).toBe(false);
      expect(!res.ok && res.error.message).toMatch(message);
    }
    if (process.getuid?.() !== 0) {
      const locked = join(teamDir(), 'locked');
      mkdirSync(locked, { mode: 0o000 });
      const res = await service.setTeamFolder(locked, CALLER);
      expect(!res.ok && res.error.message).toMatch(/cannot be read/);
    }
    expect(must(await service.getTeamFolder(CALLER)).path).toBeUndefined();
  });

  it('takes ~ as the home folder', async () => {
    const { service } = makeService({});
    shutdowns.push(() => service.shutdown());
    const dir = teamDir();
    const fromHome = relative(homedir(), dir);
    // Only when the temp folder lies under the home folder can the test name it from there.
    if (fromHome.startsWith('..')) return;
    expect(must(await service.setTeamFolder(`~/${fromHome}`, CALLER)).path).toBe(dir);
  });

  it('is remembered across launches, and cleared by null', async () => {
    const first = await makeTeamService({});
    writeFileSync(
      join(first.folder, 'k.preset.json'),
      readFileSync(
        join(
          first.folder,
          must(await first.service.saveTeamPreset(preset('k', 0.1), { includeBaseUrl: false }, CALLER))
            .fileName,
        ),
      ),
    );
    await first.service.shutdown();
    const second = makeService({ dir: first.dataDir });
    shutdowns.push(() => second.service.shutdown());
    const view = must(await second.service.getTeamFolder(CALLER));
    expect(view.path).toBe(first.folder);
    expect(view.presets.map((e) => e.fileName)).toEqual(['big.preset.json', 'k.preset.json']);
    const cleared = must(await second.service.setTeamFolder(null, CALLER));
    expect(cleared).toMatchObject({ presets: [], caseSets: [] });
    expect(cleared.path).toBeUndefined();
    // Clearing the setting does not touch the folder's files.
    expect(readdirSync(first.folder).sort()).toEqual(['big.preset.json', 'k.preset.json']);
  });

  it('uses the OS folder picker where there is one, and says to type a path where there is none', async () => {
    const dir = teamDir();
    let answer: string | undefined = dir;
    const { service } = makeService({ team: { pickFolder: () => Promise.resolve(answer) } });
    shutdowns.push(() => service.shutdown());
    expect(must(await service.getTeamFolder(CALLER)).canPickFolder).toBe(true);
    expect(must(await service.chooseTeamFolder(CALLER))?.path).toBe(dir);
    answer = undefined;
    expect(must(await service.chooseTeamFolder(CALLER))).toBeNull();
    expect(must(await service.getTeamFolder(CALLER)).path).toBe(dir);

    const web = makeService({});
    shutdowns.push(() => web.service.shutdown());
    expect(must(await web.service.getTeamFolder(CALLER)).canPickFolder).toBe(false);
    const refused = await web.service.chooseTeamFolder(CALLER);
    expect(!refused.ok && refused.error.message).toMatch(/type the folder path/);
  });
});
