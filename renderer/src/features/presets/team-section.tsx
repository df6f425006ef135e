import { useState } from 'react';
import { isModifiedFrom } from '../../../../shared/param-diff';
import type { Preset } from '../../../../shared/schemas';
import { visibleText } from '../../../../shared/visible-text';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { useStoreSelector } from '../../state/tiny-store';
import { foreignOriginOf } from '../../lib/origin';
import type { TeamFolderStore } from './team-folder-store';
import { TeamCaseSetItem, TeamPresetItem, TeamProblemItem } from './team-preset-item';
import { draftFromPreset } from './use-presets';
import type { ReadableTeamEntry } from './use-team-sync';

/** Props of the Team section. */
interface TeamSectionProps {
  team: TeamFolderStore;
  /** The search, lower case. */
  query: string;
  matches: (preset: Preset, query: string) => boolean;
  /** After a preset moved to my presets: they need reading again. */
  onMovedToMine: (message: string) => void;
  onLoaded: () => void;
}

/**
 * The presets and case sets of the team folder, each with its file name; a file that does not read is listed with
 * its problem (file and field, or the merge conflict) and offers nothing that could change it.
 */
export function TeamSection({ team, query, matches, onMovedToMine, onLoaded }: TeamSectionProps) {
  const view = useStoreSelector(team.store, (s) => s.view);
  const readError = useStoreSelector(team.store, (s) => s.error);
  const draft = useDraft();
  const { replaceDraft } = useDraftActions();
  const settings = useSettings();
  const [error, setError] = useState<string>();
  if (!view?.path) return null;

  const moveToMine = async (entry: ReadableTeamEntry) => {
    const res = await team.move({ to: 'mine', fileName: entry.fileName, baseHash: entry.hash });
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    if (res.value.to !== 'mine') return;
    // The editor follows the preset to its new place, so its modified marker still has something to compare.
    if (draft.presetId === entry.preset.id) replaceDraft({ ...draft, presetId: res.value.preset.id });
    onMovedToMine(`Moved "${visibleText(entry.preset.name)}" to your presets.`);
  };

  const entries = view.presets.filter((e) =>
    e.preset ? matches(e.preset, query) : !query || e.fileName.toLowerCase().includes(query),
  );
  return (
    <section className="team-section" aria-labelledby="team-presets-heading">
      <h3 id="team-presets-heading">Team</h3>
      <p className="muted team-path">
        <code>{visibleText(view.path)}</code>
        {view.isWritable ? '' : ' — read-only: presets can be loaded but not saved or moved here'}
      </p>
      {view.error ? <p role="alert">{view.error}</p> : null}
      {readError ? <p role="alert">The team folder could not be read: {readError}</p> : null}
      {error ? (
        <p className="form-message is-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="preset-list" aria-label="Team presets">
        {entries.map((entry) => {
          const preset = entry.preset;
          if (!preset) return <TeamProblemItem key={entry.fileName} entry={entry} />;
          const readable = { ...entry, preset };
          const isLoaded = draft.presetId === preset.id;
          return (
            <TeamPresetItem
              key={entry.fileName}
              entry={readable}
              isLoaded={isLoaded}
              isModified={isLoaded && isModifiedFrom(preset, draft)}
              foreignOrigin={foreignOriginOf(preset.baseUrl, settings)}
              onLoad={() => {
                replaceDraft(draftFromPreset(preset, draft.params.prompt));
                onLoaded();
              }}
              onMoveToMine={view.isWritable ? () => void moveToMine(readable) : undefined}
            />
          );
        })}
      </ul>
      {view.presets.length === 0 ? (
        <p className="muted">
          No *.preset.json files here yet: move a preset to the team, or add one with git.
        </p>
      ) : null}
      {view.caseSets.length > 0 ? (
        <>
          <h4>Case sets</h4>
          <ul className="preset-list" aria-label="Team case sets">
            {view.caseSets.map((entry) => (
              <TeamCaseSetItem key={entry.fileName} entry={entry} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
