import { useId, useState, type ReactNode } from 'react';
import type { Profile } from '../../../../shared/api';
import { visibleText } from '../../../../shared/visible-text';
import { useApi } from '../../api/api-context';
import { useSettingsActions } from '../../state/settings-store';
import { LocalModelFields } from './local-model-fields';
import { formToInput, profileToForm, type ProfileForm } from './profile-form';

function Field({
  label,
  children,
  hint,
}: {
  label: string;
  children: (id: string) => ReactNode;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <p className="muted form-hint">{hint}</p> : null}
    </div>
  );
}

/** A field holding hidden or direction-changing characters says how it reads with them shown. */
const hiddenHint = (value: string): string | undefined =>
  visibleText(value) === value ? undefined : `Holds hidden characters: ${visibleText(value)}`;

/** Props of the profile editor. */
interface ProfileEditorProps {
  profile?: Profile;
  isActive: boolean;
  onSaved: (profile: Profile) => void;
  onRemoved: () => void;
}

/** Edits one profile (name, base URL, default model, retry policy, extra headers), or adds one when none is given. */
export function ProfileEditor({ profile, isActive, onSaved, onRemoved }: ProfileEditorProps) {
  const api = useApi();
  const settings = useSettingsActions();
  const [form, setForm] = useState<ProfileForm>(() => profileToForm(profile));
  const [message, setMessage] = useState<{ text: string; isError: boolean } | undefined>();
  const set = (patch: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...patch }));
  const text =
    (key: keyof ProfileForm, type = 'text') =>
    (id: string) => (
      <input
        id={id}
        type={type}
        className="text-input"
        value={form[key] as string}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    );
  const check = (key: 'retryEnabled' | 'retryConnectionErrors' | 'retryServerErrors', label: string) => (
    <label className="check-line">
      <input type="checkbox" checked={form[key]} onChange={(e) => set({ [key]: e.target.checked })} />
      {label}
    </label>
  );

  const save = async () => {
    const input = formToInput(form);
    if (!input.ok) return setMessage({ text: input.error, isError: true });
    const res = await api.saveProfile(input.value);
    if (!res.ok) return setMessage({ text: res.error.message, isError: true });
    setMessage({ text: 'Profile saved.', isError: false });
    await settings.refresh();
    onSaved(res.value);
  };
  const remove = async () => {
    if (!profile) return;
    const res = await api.removeProfile(profile.id);
    if (!res.ok) return setMessage({ text: res.error.message, isError: true });
    settings.accept(res.value);
    onRemoved();
  };

  return (
    <form
      className="profile-form"
      aria-label={profile ? `Profile ${visibleText(profile.name)}` : 'New profile'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label="Profile name" hint={hiddenHint(form.name)}>
        {text('name')}
      </Field>
      <Field label="Kind">
        {(id) => (
          <select
            id={id}
            className="text-input"
            value={form.kind}
            onChange={(e) => set({ kind: e.target.value === 'local' ? 'local' : 'http' })}
          >
            <option value="http">Server (OpenAI-compatible HTTP)</option>
            <option value="local">Local model (GGUF)</option>
          </select>
        )}
      </Field>
      {form.kind === 'local' ? (
        <LocalModelFields
          form={form}
          set={set}
          {...(profile?.kind === 'local' ? { profileId: profile.id } : {})}
        />
      ) : (
        <Field
          label="Base URL"
          hint="With or without a trailing /v1, e.g. https://api.r9s.ai or http://127.0.0.1:8080"
        >
          {text('baseUrl', 'url')}
        </Field>
      )}
      <Field label="Default model">{text('defaultModel')}</Field>
      {form.kind === 'local' ? null : (
        <>
          <fieldset className="form-group">
            <legend>Retries (429, 502–504, connection errors)</legend>
            {check('retryEnabled', 'Retry failed requests')}
            <div className="form-grid">
              <Field label="Max attempts">{text('maxAttempts', 'number')}</Field>
              <Field label="Initial interval (ms)">{text('initialIntervalMs', 'number')}</Field>
              <Field label="Max interval (ms)">{text('maxIntervalMs', 'number')}</Field>
              <Field label="Exponent">{text('exponent', 'number')}</Field>
              <Field label="Max elapsed (ms)">{text('maxElapsedMs', 'number')}</Field>
            </div>
            {check('retryConnectionErrors', 'Retry connection errors')}
            {check(
              'retryServerErrors',
              'Also retry HTTP 500 (usually pointless: often an unsupported parameter)',
            )}
          </fieldset>
          <fieldset className="form-group">
            <legend>Extra headers</legend>
            {form.headers.map((h, i) => (
              <div key={i} className="header-row">
                <input
                  className="text-input"
                  aria-label={`Header name ${i + 1}`}
                  placeholder="X-Header"
                  value={h.name}
                  onChange={(e) =>
                    set({
                      headers: form.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                    })
                  }
                />
                <input
                  className="text-input"
                  aria-label={`Header value ${i + 1}`}
                  value={h.value}
                  onChange={(e) =>
                    set({
                      headers: form.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                    })
                  }
                />
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => set({ headers: form.headers.filter((_, j) => j !== i) })}
                >
                  <span aria-hidden="true">×</span>
                  <span className="sr-only">Remove header {i + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-small"
              onClick={() => set({ headers: [...form.headers, { name: '', value: '' }] })}
            >
              Add header
            </button>
            <p className="muted form-hint">
              Not for the key: it has its own field below, and is never shown again.
            </p>
          </fieldset>
        </>
      )}
      {message ? (
        <p
          className={message.isError ? 'form-message is-error' : 'form-message'}
          role={message.isError ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {profile ? 'Save profile' : 'Add profile'}
        </button>
        {profile ? (
          <button
            type="button"
            className="button button-danger"
            disabled={isActive}
            onClick={() => void remove()}
            title={isActive ? 'Switch to another profile first' : undefined}
          >
            Remove profile
          </button>
        ) : null}
      </div>
    </form>
  );
}
