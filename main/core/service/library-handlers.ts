import type { InvokeHandlers } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import type { HistoryStore } from '../ports';
import type { KnownSecrets } from '../secrets/known-secrets';
import { redactSecrets } from '../secrets/redact';
import { guarded } from './guarded';
import type { createPresetsRepo } from './presets-repo';
import type { RunContext } from './run-manager';
import type { SettingsRepo } from './settings-repo';

type LibraryHandlers = Pick<
  InvokeHandlers<RunContext>,
  | 'getDraft'
  | 'saveDraft'
  | 'listPresets'
  | 'savePreset'
  | 'deletePreset'
  | 'listHistory'
  | 'getHistoryEntry'
  | 'starHistoryEntry'
  | 'deleteHistoryEntry'
  | 'exportHistory'
>;

/** What the user keeps: the draft, the presets and the run history. */
export const createLibraryHandlers = (deps: {
  settings: SettingsRepo;
  presets: ReturnType<typeof createPresetsRepo>;
  history: HistoryStore;
  known: KnownSecrets;
}): LibraryHandlers => {
  const { settings, presets, history, known } = deps;
  return {
    getDraft: () => Promise.resolve(ok(settings.getDraft())),
    saveDraft: (draft) =>
      guarded('save the draft', () => {
        settings.saveDraft(draft);
        return ok(null);
      }),

    listPresets: () => Promise.resolve(ok(presets.list())),
    savePreset: (preset) =>
      guarded('save the preset', () =>
        presets.save(preset)
          ? ok(preset)
          : fail('conflict', 'The preset list is full; delete some presets first.'),
      ),
    deletePreset: (presetId) =>
      guarded('delete the preset', () => {
        const deleted = presets.delete(presetId);
        return deleted ? ok(deleted) : fail('not_found', `There is no preset with id ${presetId}.`);
      }),

    listHistory: (query) =>
      guarded('read history', () =>
        ok(
          history.list({
            ...(query.search !== undefined ? { search: query.search } : {}),
            ...(query.starred !== undefined ? { starred: query.starred } : {}),
            offset: query.offset ?? 0,
            limit: query.limit ?? 200,
          }),
        ),
      ),
    getHistoryEntry: (entryId) =>
      guarded('read history', () => {
        const entry = history.get(entryId);
        return entry ? ok(entry) : fail('not_found', `There is no history entry ${entryId}.`);
      }),
    starHistoryEntry: (entryId, starred) =>
      guarded('update history', () => {
        const summary = history.star(entryId, starred);
        return summary ? ok(summary) : fail('not_found', `There is no history entry ${entryId}.`);
      }),
    deleteHistoryEntry: (entryId) =>
      guarded('update history', () =>
        history.delete(entryId) ? ok(null) : fail('not_found', `There is no history entry ${entryId}.`),
      ),
    // Runs recorded before a key was known (or by an older version) may hold it: an export is checked again.
    exportHistory: (format) =>
      guarded('export history', () => ok(redactSecrets(history.export(format), known.list()))),
  };
};
