import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TeamFolderView } from '../../../../shared/team-folder';
import { visibleText } from '../../../../shared/visible-text';
import type { Result } from '../../../../shared/result';
import { useApi } from '../../api/api-context';
import './team-folder-settings.css';

/**
 * Settings → Team folder: a folder (a git checkout, a shared drive) whose preset files appear under "Team" in
 * Presets. The desktop app offers the OS folder picker; a path can always be typed, and main checks it (exists, is a
 * folder, readable) before it is used.
 */
export function TeamFolderSettings() {
  const api = useApi();
  const inputId = useId();
  const [view, setView] = useState<TeamFolderView>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    void api.getTeamFolder().then((res) => {
      if (!isCurrent) return;
      if (res.ok) {
        setView(res.value);
        // What the user typed before the answer came is theirs to keep.
        setTyped((typedSoFar) => typedSoFar || (res.value.path ?? ''));
      } else setError(res.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [api]);

  const apply = async (call: () => Promise<Result<TeamFolderView | null>>) => {
    setIsBusy(true);
    const res = await call();
    setIsBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    if (res.value === null) return; // the picker was cancelled
    setView(res.value);
    setTyped(res.value.path ?? '');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(() => api.setTeamFolder(typed));
  };

  const presetCount = view?.presets.filter((p) => p.preset).length ?? 0;
  return (
    <section className="settings-section" aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>Team folder</h3>
      <p className="form-hint">
        A folder whose <code>*.preset.json</code> files appear under “Team” in Presets, kept current as they
        change — a git checkout or a shared drive. Files hold no keys.
      </p>
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor={inputId}>Folder path</label>
        <div className="team-folder-row">
          <input
            id={inputId}
            className="text-input"
            value={typed}
            placeholder="/home/me/team-presets"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit" className="button" disabled={isBusy || !typed.trim()}>
            Use this folder
          </button>
          {view?.canPickFolder ? (
            <button
              type="button"
              className="button"
              disabled={isBusy}
              onClick={() => void apply(() => api.chooseTeamFolder())}
            >
              Choose…
            </button>
          ) : null}
          {view?.path ? (
            <button
              type="button"
              className="button"
              disabled={isBusy}
              onClick={() => void apply(() => api.setTeamFolder(null))}
            >
              Stop using it
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="form-message is-error" role="alert">
          {error}
        </p>
      ) : null}
      {view?.path ? (
        <p className="muted" role="status">
          Using <code>{visibleText(view.path)}</code>: {presetCount} preset{presetCount === 1 ? '' : 's'}
          {view.isWritable ? '' : ', read-only'}
          {view.error ? ` — ${view.error}` : ''}
        </p>
      ) : null}
    </section>
  );
}
