import { useEffect, useId, useRef, useState } from 'react';
import { visibleText } from '../../../../shared/visible-text';
import { useSettings, useSettingsActions, useSettingsSaveError } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { ServerSettings } from '../server/server-settings';
import { GeneralSettings } from './general-settings';
import { KeyEntry } from './key-entry';
import { ProfileEditor } from './profile-editor';
import type { SettingsPlace } from './settings-opener';
import { TeamFolderSettings } from './team-folder-settings';

const NEW = '__new__';

/**
 * Settings: profiles (list, add, edit, remove, make active), the key of the selected profile, the theme and compare
 * concurrency.
 */
export function SettingsDialog({ onClose, at }: { onClose: () => void; at?: SettingsPlace }) {
  const settings = useSettings();
  const saveError = useSettingsSaveError();
  const { update } = useSettingsActions();
  const [selected, setSelected] = useState<string>(settings?.activeProfileId ?? NEW);
  const profiles = settings?.profiles ?? [];
  const profile = profiles.find((p) => p.id === selected);
  const listId = useId();
  const detail = useRef<HTMLDivElement>(null);

  // Opened at a place (the welcome panel's "Enter an API key"): focus that field. This runs after the modal's own
  // first focus (a child's effect runs first), which it replaces.
  useEffect(() => {
    const root = detail.current;
    if (!at || !root) return;
    const field =
      at === 'key'
        ? root.querySelector<HTMLInputElement>('.key-entry input[type="password"]')
        : [...root.querySelectorAll('label')].find((l) => l.textContent === 'Base URL')?.control;
    field?.focus();
  }, [at]);

  return (
    <Modal title="Settings" onClose={onClose} wide>
      <div className="settings-layout">
        <nav className="profile-list" aria-labelledby={listId}>
          <h3 id={listId}>Profiles</h3>
          <ul>
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={p.id === selected ? 'profile-item is-selected' : 'profile-item'}
                  aria-current={p.id === selected ? 'true' : undefined}
                  onClick={() => setSelected(p.id)}
                >
                  <span>{visibleText(p.name)}</span>
                  {p.id === settings?.activeProfileId ? <span className="badge badge-ok">active</span> : null}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => setSelected(NEW)}>
            New profile
          </button>
        </nav>
        <div className="profile-detail" ref={detail}>
          {saveError ? (
            <p className="form-message is-error" role="alert">
              The change was not saved: {saveError}
            </p>
          ) : null}
          <ProfileEditor
            key={selected}
            profile={profile}
            isActive={profile?.id === settings?.activeProfileId}
            onSaved={(p) => setSelected(p.id)}
            onRemoved={() => setSelected(settings?.activeProfileId ?? NEW)}
          />
          {profile ? (
            <>
              {profile.id !== settings?.activeProfileId ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => void update({ activeProfileId: profile.id })}
                >
                  Use this profile
                </button>
              ) : null}
              {profile.kind === 'local' ? null : (
                <section className="settings-section">
                  <h3>API key</h3>
                  <KeyEntry key={profile.id} profileId={profile.id} />
                </section>
              )}
              <ServerSettings key={profile.id} profile={profile} />
            </>
          ) : null}
          <GeneralSettings />
          <TeamFolderSettings />
        </div>
      </div>
    </Modal>
  );
}
