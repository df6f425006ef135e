import { useMemo, useState } from 'react';
import { diffSetups, isModifiedFrom } from '../../../../shared/param-diff';
import type { Preset } from '../../../../shared/schemas';
import { visibleText } from '../../../../shared/visible-text';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { useStoreSelector } from '../../state/tiny-store';
import { Modal } from '../../ui/modal';
import { foreignOriginOf } from '../../lib/origin';
import { ParamDiffTable } from './param-diff-table';
import { MoveToTeamDialog } from './move-to-team-dialog';
import { PresetItem } from './preset-item';
import type { TeamFolderStore } from './team-folder-store';
import { TeamSection } from './team-section';
import { draftFromPreset, newPresetId, nowMs, uniqueName, type PresetsStore } from './use-presets';

/** Props of the presets dialog. */
interface PresetsDialogProps {
  store: PresetsStore;
  /** The team folder: its section, and "Move to team" on my presets. */
  team: TeamFolderStore;
  onClose: () => void;
}

const matches = (p: Preset, q: string) =>
  !q || [p.name, p.description, p.params.model].some((t) => t.toLowerCase().includes(q));

/**
 * Lists, searches, loads, renames, duplicates and deletes (with undo) my presets, and diffs two of them; with a team
 * folder set, lists its presets in a "Team" section and moves presets between the two.
 */
export function PresetsDialog({ store, team, onClose }: PresetsDialogProps) {
  const draft = useDraft();
  const { replaceDraft } = useDraftActions();
  const settings = useSettings();
  const [query, setQuery] = useState('');
  const [deleted, setDeleted] = useState<Preset>();
  const [message, setMessage] = useState<string>();
  const [diffIds, setDiffIds] = useState<[string, string]>(['', '']);
  const [moving, setMoving] = useState<Preset>();
  const teamView = useStoreSelector(team.store, (s) => s.view);
  const teamFolder = teamView?.path;
  const canMoveToTeam = teamFolder !== undefined && teamView?.isWritable === true;
  const afterMove = (text: string) => {
    setMessage(text);
    setDeleted(undefined);
    void store.refresh();
  };

  const shown = useMemo(
    () => store.presets.filter((p) => matches(p, query.trim().toLowerCase())),
    [store.presets, query],
  );
  const [left, right] = diffIds.map((id) => store.presets.find((p) => p.id === id));

  const rename = async (preset: Preset, name: string) => {
    const trimmed = name.trim();
    if (!trimmed) return 'A preset needs a name.';
    if (store.presets.some((p) => p.id !== preset.id && p.name.toLowerCase() === trimmed.toLowerCase())) {
      return `A preset named "${trimmed}" exists already.`;
    }
    const res = await store.save({ ...preset, name: trimmed, updatedAt: nowMs() });
    return res.ok ? undefined : res.error.message;
  };

  const duplicate = async (preset: Preset) => {
    const now = nowMs();
    const name = uniqueName(
      `${preset.name} copy`,
      store.presets.map((p) => p.name),
    );
    const res = await store.save({ ...preset, id: newPresetId(), name, createdAt: now, updatedAt: now });
    setMessage(res.ok ? `Duplicated as "${name}".` : res.error.message);
  };

  const remove = async (preset: Preset) => {
    const res = await store.remove(preset.id);
    if (res.ok) {
      setDeleted(res.value);
      setMessage(`Deleted "${res.value.name}".`);
    } else setMessage(res.error.message);
  };

  const undo = async () => {
    if (!deleted) return;
    const res = await store.save(deleted);
    setMessage(res.ok ? `Restored "${deleted.name}".` : res.error.message);
    setDeleted(undefined);
  };

  return (
    <Modal title="Presets" onClose={onClose} wide>
      <div className="presets-layout">
        <input
          className="text-input"
          type="search"
          aria-label="Search presets"
          placeholder="Search by name, description or model"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div role="status" className="feature-status">
          {message}
          {deleted ? (
            <button type="button" className="link-button" onClick={() => void undo()}>
              Undo
            </button>
          ) : null}
        </div>
        {store.error ? <p role="alert">Presets could not be read: {store.error}</p> : null}
        {teamFolder !== undefined ? <h3>Mine</h3> : null}
        <ul className="preset-list" aria-label="Presets">
          {shown.map((p) => (
            <PresetItem
              key={p.id}
              preset={p}
              isLoaded={draft.presetId === p.id}
              isModified={draft.presetId === p.id && isModifiedFrom(p, draft)}
              foreignOrigin={foreignOriginOf(p.baseUrl, settings)}
              onLoad={() => {
                replaceDraft(draftFromPreset(p, draft.params.prompt));
                onClose();
              }}
              onRename={(name) => rename(p, name)}
              onDuplicate={() => void duplicate(p)}
              onDelete={() => void remove(p)}
              onMoveToTeam={canMoveToTeam ? () => setMoving(p) : undefined}
            />
          ))}
        </ul>
        {store.presets.length === 0 ? <p className="muted">No presets yet: use "Save preset".</p> : null}
        <TeamSection
          team={team}
          query={query.trim().toLowerCase()}
          matches={matches}
          onMovedToMine={afterMove}
          onLoaded={onClose}
        />
        {moving && teamFolder !== undefined ? (
          <MoveToTeamDialog
            preset={moving}
            team={team}
            folder={teamFolder}
            onClose={() => setMoving(undefined)}
            onMoved={afterMove}
          />
        ) : null}
        {store.presets.length >= 2 ? (
          <section className="preset-compare" aria-label="Compare two presets">
            <h3>Compare two presets</h3>
            <div className="preset-compare-pickers">
              {(['First preset', 'Second preset'] as const).map((label, i) => (
                <select
                  key={label}
                  className="select"
                  aria-label={label}
                  value={diffIds[i]}
                  onChange={(e) =>
                    setDiffIds(i === 0 ? [e.target.value, diffIds[1]] : [diffIds[0], e.target.value])
                  }
                >
                  <option value="">Choose…</option>
                  {store.presets.map((p) => (
                    <option key={p.id} value={p.id}>
                      {visibleText(p.name)}
                    </option>
                  ))}
                </select>
              ))}
            </div>
            {left && right ? (
              <ParamDiffTable
                label={`Differences between ${visibleText(left.name)} and ${visibleText(right.name)}`}
                changes={diffSetups(left, right, {
                  includePrompt: left.includesPrompt && right.includesPrompt,
                })}
                beforeLabel={visibleText(left.name)}
                afterLabel={visibleText(right.name)}
              />
            ) : null}
          </section>
        ) : null}
      </div>
    </Modal>
  );
}
