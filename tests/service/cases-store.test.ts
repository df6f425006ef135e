/** Case sets and the stored grid in the user's data: written before they are reported, unreadable data kept aside. */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredCaseSet } from '../../shared/cases/stored-case-set';
import { CALLER } from '../contract/contract-harness';
import { makeService, tempDir } from './service-harness';

const stored = (id: string, name: string): StoredCaseSet => ({
  id,
  updatedAt: 5,
  set: { name, variables: ['topic'], rows: [{ id: 'case-1', values: { topic: 'tides' } }] },
});

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('case sets in the user data', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('are on disk when saveCaseSet answers, survive a relaunch, and delete returns the set for undo', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = makeService({ dir });
    must(await first.service.saveCaseSet(stored('set-1', 'Sea'), CALLER));
    must(await first.service.saveCaseSet(stored('set-2', 'Sky'), CALLER));
    const onDisk = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { caseSets: StoredCaseSet[] };
    expect(onDisk.caseSets.map((s) => s.set.name)).toEqual(['Sea', 'Sky']);
    expect(must(await first.service.deleteCaseSet('set-1', CALLER)).set.name).toBe('Sea');
    await first.service.shutdown();

    const again = makeService({ dir });
    expect(must(await again.service.listCaseSets(CALLER)).map((s) => s.id)).toEqual(['set-2']);
    await again.service.shutdown();
  });

  it('leaves out an invalid set with a notice, keeps the others, and keeps what it could not read on disk', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const text = JSON.stringify({
      caseSets: [
        stored('good', 'Good'),
        { ...stored('bad', 'Bad'), set: { name: '', variables: [], rows: [] } },
      ],
      grid: { id: 'not a grid' },
    });
    writeFileSync(join(dir, 'cases.json'), text);
    const made = makeService({ dir });
    expect(must(await made.service.listCaseSets(CALLER)).map((s) => s.id)).toEqual(['good']);
    expect(must(await made.service.getGrid(CALLER))).toBeNull();
    const notices = must(await made.service.getSettings(CALLER)).notices.join('\n');
    expect(notices).toContain('1 invalid case set was ignored in the cases file.');
    expect(notices).toContain('The unfinished grid in the cases file could not be read');
    // The store may reformat the file, but what could not be read is still in it.
    const kept = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, unknown>;
    expect(kept['caseSets']).toEqual((JSON.parse(text) as Record<string, unknown>)['caseSets']);
    expect(kept['grid']).toEqual({ id: 'not a grid' });
    await made.service.shutdown();
  });

  it('moves a corrupt cases file aside (never deleted) and starts with none', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'cases.json'), '{"caseSets": [ broken');
    const made = makeService({ dir });
    expect(must(await made.service.listCaseSets(CALLER))).toEqual([]);
    const aside = readdirSync(dir).find((f) => f.startsWith('cases.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"caseSets": [ broken');
    await made.service.shutdown();
  });
});
