import { describe, expect, it } from 'vitest';
import type { Preset } from '../../../../shared/schemas';
import { reconcileTeamPreset, type SeenVersion } from './team-sync';

const preset = (temperature: number): Preset => ({
  id: 'team-a',
  name: 'A',
  description: '',
  params: { model: 'm', prompt: '', stream: true, temperature },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 1,
});
const entry = (hash: string, temperature: number) => ({
  fileName: 'a.preset.json',
  hash,
  preset: preset(temperature),
});
const seen: SeenVersion = { id: 'team-a', hash: 'h1', preset: preset(0.5) };
const editor = (temperature: number) => ({ params: preset(temperature).params, presetId: 'team-a' });

describe('reconcileTeamPreset', () => {
  it('waits while the file is gone or does not read, and tracks a first sight', () => {
    expect(reconcileTeamPreset(seen, undefined, editor(0.5))).toBe('wait');
    expect(
      reconcileTeamPreset(
        seen,
        { fileName: 'a.preset.json', hash: 'x', problem: { message: 'half' } },
        editor(0.9),
      ),
    ).toBe('wait');
    expect(reconcileTeamPreset(undefined, entry('h1', 0.5), editor(0.9))).toBe('track');
    expect(reconcileTeamPreset({ ...seen, id: 'team-b' }, entry('h1', 0.5), editor(0.9))).toBe('track');
  });

  it('follows a change the editor has no edits against, and asks when both changed', () => {
    expect(reconcileTeamPreset(seen, entry('h1', 0.5), editor(0.9))).toBe('unchanged');
    expect(reconcileTeamPreset(seen, entry('h2', 0.2), editor(0.5))).toBe('follow');
    expect(reconcileTeamPreset(seen, entry('h2', 0.2), editor(0.9))).toBe('conflict');
    // The editor already equals the new file (our own save): nothing to ask.
    expect(reconcileTeamPreset(seen, entry('h2', 0.9), editor(0.9))).toBe('track');
  });
});
