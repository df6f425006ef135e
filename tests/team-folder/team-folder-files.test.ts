/**
 * What the team folder writes and what it leaves alone, through the service on real files: diff-friendly preset files,
 * a base URL only when ticked, nothing secret in any file, saves refused when the file changed meanwhile, moves
 * between Mine and Team, and invalid, half-written or merge-conflicted files listed with their problem and never
 * changed or removed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Preset } from '../../shared/schemas';
import { CALLER } from '../contract/contract-harness';
import { cleanupTeamDirs, makeTeamService, must, presetFileText, waitForListing } from './team-harness';

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

const preset = (over: Partial<Preset> = {}): Preset => ({
  id: 'p-1',
  name: 'Warm & Fuzzy',
  description: 'for stories',
  // Deliberately not in the table's order: the file must not depend on how the editor built the object.
  params: { seed: 7, temperature: 0.8, stream: true, prompt: 'ignored', model: 'fake-model', top_p: 0.9 },
  extraBody: { top_k: 40, min_p: 0.05 },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 2,
  ...over,
});

const read = (folder: string, name: string) => readFileSync(join(folder, name), 'utf8');

describe('writing a team preset', () => {
  it('writes one preset per file in a fixed key order, 2-space indent, a trailing newline and no timestamp', async () => {
    const { service, folder } = await start();
    const entry = must(await service.saveTeamPreset(preset(), { includeBaseUrl: false }, CALLER));
    expect(entry.fileName).toBe('warm-fuzzy.preset.json');
    expect(read(folder, entry.fileName)).toBe(
      [
        '{',
        '  "format": "r9s-playground/preset",',
        '  "version": 1,',
        '  "presets": [',
        '    {',
        '      "name": "Warm & Fuzzy",',
        '      "description": "for stories",',
        '      "params": {',
        '        "model": "fake-model",',
        '        "prompt": "",',
        '        "stream": true,',
        '        "temperature": 0.8,',
        '        "top_p": 0.9,',
        '        "seed": 7',
        '      },',
        '      "extraBody": {',
        '        "min_p": 0.05,',
        '        "top_k": 40',
        '      },',
        '      "includesPrompt": false',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(entry.preset).toMatchObject({ name: 'Warm & Fuzzy', params: { temperature: 0.8 } });

    // Saving the same preset again (later, from an object built in another order) rewrites the same bytes.
    const before = read(folder, entry.fileName);
    const again = must(
      await service.saveTeamPreset(
        {
          ...preset({ updatedAt: 99 }),
          params: { model: 'fake-model', top_p: 0.9, temperature: 0.8, seed: 7, prompt: '', stream: true },
        },
        { fileName: entry.fileName, baseHash: entry.hash, includeBaseUrl: false },
        CALLER,
      ),
    );
    expect(read(folder, entry.fileName)).toBe(before);
    expect(again.hash).toBe(entry.hash);
  });

  it('names new files after the preset without clobbering a taken name', async () => {
    const { service } = await start();
    const first = must(await service.saveTeamPreset(preset(), { includeBaseUrl: false }, CALLER));
    const second = must(
      await service.saveTeamPreset(preset({ id: 'p-2' }), { includeBaseUrl: false }, CALLER),
    );
    const odd = must(
      await service.saveTeamPreset(preset({ id: 'p-3', name: '../CON' }), { includeBaseUrl: false }, CALLER),
    );
    expect([first.fileName, second.fileName, odd.fileName]).toEqual([
      'warm-fuzzy.preset.json',
      'warm-fuzzy-2.preset.json',
      'con-preset.preset.json',
    ]);
  });

  it('writes a base URL only when ticked: the preset’s own, else the active profile’s, without credentials', async () => {
    const { service, folder } = await start({ env: { baseUrl: 'https://user:pw@llm.example.test/v1?x=1' } });
    const plain = must(await service.saveTeamPreset(preset(), { includeBaseUrl: false }, CALLER));
    expect(read(folder, plain.fileName)).not.toContain('baseUrl');
    const ticked = must(await service.saveTeamPreset(preset({ id: 'b' }), { includeBaseUrl: true }, CALLER));
    expect(JSON.parse(read(folder, ticked.fileName))).toMatchObject({
      presets: [{ baseUrl: 'https://llm.example.test/v1' }],
    });
    const own = must(
      await service.saveTeamPreset(
        preset({ id: 'c', name: 'Own', baseUrl: 'http://10.0.0.5:8080' }),
        { includeBaseUrl: true },
        CALLER,
      ),
    );
    expect(own.preset?.baseUrl).toBe('http://10.0.0.5:8080');
  });

  it('refuses to overwrite a file that changed since the caller saw it, or that is gone', async () => {
    const { service, folder } = await start();
    const entry = must(await service.saveTeamPreset(preset(), { includeBaseUrl: false }, CALLER));
    const theirs = presetFileText('Warm & Fuzzy', { temperature: 0.1 });
    writeFileSync(join(folder, entry.fileName), theirs);
    const stale = await service.saveTeamPreset(
      preset({ params: { ...preset().params, temperature: 1.5 } }),
      { fileName: entry.fileName, baseHash: entry.hash, includeBaseUrl: false },
      CALLER,
    );
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(read(folder, entry.fileName)).toBe(theirs);
    const blind = await service.saveTeamPreset(
      preset(),
      { fileName: entry.fileName, includeBaseUrl: false },
      CALLER,
    );
    expect(blind).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(read(folder, entry.fileName)).toBe(theirs);

    const gone = await service.saveTeamPreset(
      preset(),
      { fileName: 'deleted-meanwhile.preset.json', baseHash: entry.hash, includeBaseUrl: false },
      CALLER,
    );
    expect(gone).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(readdirSync(folder)).toEqual([entry.fileName]);
  });
});

describe('moving a preset between Mine and Team', () => {
  it('moves Mine → Team → Mine, writing the new place before leaving the old one', async () => {
    const { service, folder } = await start();
    must(await service.savePreset(preset({ id: 'mine-1', name: 'Crisp' }), CALLER));
    const toTeam = must(
      await service.moveTeamPreset({ to: 'team', presetId: 'mine-1', includeBaseUrl: false }, CALLER),
    );
    expect(toTeam.to).toBe('team');
    expect(must(await service.listPresets(CALLER))).toEqual([]);
    expect(readdirSync(folder)).toEqual(['crisp.preset.json']);
    const entry = must(await service.getTeamFolder(CALLER)).presets[0]!;
    expect(entry.preset).toMatchObject({ name: 'Crisp', params: { temperature: 0.8 } });

    const toMine = must(
      await service.moveTeamPreset({ to: 'mine', fileName: entry.fileName, baseHash: entry.hash }, CALLER),
    );
    expect(toMine.to === 'mine' && toMine.preset).toMatchObject({ name: 'Crisp', params: { seed: 7 } });
    expect(readdirSync(folder)).toEqual([]);
    expect(must(await service.listPresets(CALLER)).map((p) => p.name)).toEqual(['Crisp']);
    expect(must(await service.getTeamFolder(CALLER)).presets).toEqual([]);
  });

  it('leaves a file that changed since it was listed where it is, and Mine as it was', async () => {
    const { service, folder } = await start();
    writeFileSync(join(folder, 'a.preset.json'), presetFileText('A'));
    const { view } = await waitForListing(service, (v) => v.presets.length === 1);
    writeFileSync(join(folder, 'a.preset.json'), presetFileText('A', { temperature: 0.2 }));
    const moved = await service.moveTeamPreset(
      { to: 'mine', fileName: 'a.preset.json', baseHash: view.presets[0]!.hash },
      CALLER,
    );
    expect(moved).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(read(folder, 'a.preset.json')).toBe(presetFileText('A', { temperature: 0.2 }));
    expect(must(await service.listPresets(CALLER))).toEqual([]);
  });
});

describe('files that do not read', () => {
  const valid = presetFileText('Good', { temperature: 0.5 });
  const onePreset = (JSON.parse(valid) as { presets: unknown[] }).presets[0];
  const files: Record<string, string> = {
    'half-written.preset.json': valid.slice(0, Math.floor(valid.length / 2)),
    'bad-field.preset.json': presetFileText('Hot', { temperature: 5 }),
    'conflicted.preset.json': [
      '{',
      '<<<<<<< HEAD',
      '  "format": "r9s-playground/preset",',
      '=======',
      '  "format": "r9s-playground/preset", "version": 1,',
      '>>>>>>> theirs',
      '}',
      '',
    ].join('\n'),
    'two.preset.json': JSON.stringify({
      format: 'r9s-playground/preset',
      version: 1,
      presets: [onePreset, onePreset],
    }),
    'newer.preset.json': valid.replace('"version": 1', '"version": 3'),
    'conflicted.cases.json': '<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n',
    'broken.cases.json': '{"format":"r9s-playground/cases","version":1,"name":"","variables":[],"rows":[]}',
  };

  it('are listed with the file, the field and what is wrong, and never changed or removed', async () => {
    const { service, folder } = await start();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    writeFileSync(join(folder, 'good.preset.json'), valid);
    const { view } = await waitForListing(service, (v) => v.presets.length === 6 && v.caseSets.length === 2);

    const problem = (name: string) =>
      [...view.presets, ...view.caseSets].find((e) => e.fileName === name)?.problem;
    expect(problem('good.preset.json')).toBeUndefined();
    expect(problem('half-written.preset.json')?.message).toMatch(/not valid JSON/);
    expect(problem('bad-field.preset.json')).toMatchObject({ field: 'presets.0.params.temperature' });
    expect(problem('conflicted.preset.json')).toMatchObject({ isMergeConflict: true, field: 'line 2' });
    expect(problem('conflicted.preset.json')?.message).toMatch(/merge conflict/);
    expect(problem('two.preset.json')).toMatchObject({ field: 'presets' });
    expect(problem('newer.preset.json')).toMatchObject({ field: 'version' });
    expect(problem('conflicted.cases.json')).toMatchObject({ isMergeConflict: true, field: 'line 1' });
    expect(problem('broken.cases.json')).toMatchObject({ field: 'name' });

    // Every way of writing or removing refuses them, and the bytes stay as they were.
    for (const name of Object.keys(files).filter((n) => n.endsWith('.preset.json'))) {
      const hash = view.presets.find((e) => e.fileName === name)!.hash;
      const moved = await service.moveTeamPreset({ to: 'mine', fileName: name, baseHash: hash }, CALLER);
      expect(moved.ok, name).toBe(false);
      const saved = await service.saveTeamPreset(
        preset(),
        { fileName: name, baseHash: hash, includeBaseUrl: false },
        CALLER,
      );
      expect(saved.ok, name).toBe(false);
    }
    must(await service.saveTeamPreset(preset(), { includeBaseUrl: false }, CALLER));
    await waitForListing(service, (v) => v.presets.length === 7);
    for (const [name, text] of Object.entries(files)) expect(read(folder, name), name).toBe(text);
    expect(must(await service.listPresets(CALLER))).toEqual([]);
  });
});
