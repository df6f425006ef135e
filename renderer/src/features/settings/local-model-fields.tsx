import { useId, useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { LocalLoadProgress } from './local-load-progress';
import type { ProfileForm } from './profile-form';
import { useLocalEngineCheck, useLocalModelLoad } from './use-local-model';

type LocalKey = 'modelPath' | 'contextSize' | 'threads' | 'gpuLayers';

/** One labelled input of the local model's settings, with an optional button beside it. */
function LocalField(props: {
  label: string;
  hint: string;
  value: string;
  type: 'text' | 'number';
  onChange: (value: string) => void;
  action?: ReactNode;
}) {
  const id = useId();
  const input = (
    <input
      id={id}
      type={props.type}
      className="text-input"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
  return (
    <div className="form-field">
      <label htmlFor={id}>{props.label}</label>
      {props.action ? (
        <div className="local-file-row">
          {input}
          {props.action}
        </div>
      ) : (
        input
      )}
      <p className="muted form-hint">{props.hint}</p>
    </div>
  );
}

/**
 * Whether llama.cpp can run here: "Checking the local engine…" while the check runs, then what failed and how to
 * fix it (the rest of the app works without it), or the backend it runs on.
 */
function EngineNotice({ check, error }: ReturnType<typeof useLocalEngineCheck>) {
  if (error)
    return (
      <p className="form-message is-error" role="alert">
        Could not check the local engine: {error}
      </p>
    );
  if (!check)
    return (
      <p className="muted" role="status">
        Checking the local engine…
      </p>
    );
  if (!check.available)
    return (
      <p className="form-message is-error" role="alert">
        {check.problem ?? 'Local models are unavailable.'}
      </p>
    );
  return (
    <p className="muted" role="status">
      llama.cpp is ready ({check.gpu === false ? 'CPU' : `GPU: ${check.gpu}`}).
    </p>
  );
}

/** Load model for a saved local profile, and where its load stands (polled while it loads). */
function LoadControls({ profileId, canRun }: { profileId: string; canRun: boolean }) {
  const load = useLocalModelLoad(profileId);
  const isLoading = load.status?.state === 'loading';
  return (
    <div className="form-field">
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={isLoading || !canRun}
          onClick={load.load}
          title="Loads the saved settings' model now, so the first run starts at once"
        >
          Load model
        </button>
      </div>
      <LocalLoadProgress
        status={load.status}
        onCancel={load.cancel}
        idleText="Not loaded: it loads on the first run, or now with Load model."
      />
      {load.error ? (
        <p className="form-message is-error" role="alert">
          {load.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A local profile's settings: the GGUF file (typed, or chosen with the OS file picker on the desktop; main checks
 * that it exists and is a GGUF model when the profile is saved) and the engine's load settings, each empty for the
 * engine's default; whether the engine can run here; and loading the saved profile's model with its progress.
 */
export function LocalModelFields({
  form,
  set,
  profileId,
}: {
  form: ProfileForm;
  set: (patch: Partial<ProfileForm>) => void;
  /** The saved profile's id; a new profile is saved before its model can load. */
  profileId?: string;
}) {
  const api = useApi();
  const engine = useLocalEngineCheck();
  const [pickError, setPickError] = useState<string>();
  const choose = async () => {
    const res = await api.chooseLocalModelFile();
    if (!res.ok) return setPickError(res.error.message);
    setPickError(undefined);
    if (res.value !== null) set({ modelPath: res.value });
  };
  const field = (key: LocalKey, label: string, hint: string, action?: ReactNode) => (
    <LocalField
      label={label}
      hint={hint}
      value={form[key]}
      type={key === 'modelPath' ? 'text' : 'number'}
      onChange={(value) => set({ [key]: value })}
      action={action}
    />
  );
  const chooseButton = engine.check?.canPickFile ? (
    <button type="button" className="button" onClick={() => void choose()}>
      Choose…
    </button>
  ) : undefined;
  return (
    <fieldset className="form-group">
      <legend>Local model (GGUF)</legend>
      <EngineNotice {...engine} />
      {field(
        'modelPath',
        'Model file',
        engine.check?.canPickFile
          ? 'A .gguf file (Choose…, or type its path; ~/ is your home folder), e.g. from LM Studio, Ollama or Hugging Face.'
          : 'The absolute path of a .gguf file (~/ is your home folder), e.g. from LM Studio, Ollama or Hugging Face.',
        chooseButton,
      )}
      {pickError ? (
        <p className="form-message is-error" role="alert">
          {pickError}
        </p>
      ) : null}
      <div className="form-grid">
        {field('contextSize', 'Context size', 'Tokens; empty: the model’s own, at most 4,096.')}
        {field('threads', 'Threads', 'CPU threads; empty: one fewer than the CPU’s cores.')}
        {field(
          'gpuLayers',
          'GPU layers',
          'Used only where a GPU backend (CUDA, Vulkan, Metal) loads; CPU only otherwise.',
        )}
      </div>
      {profileId ? (
        <LoadControls profileId={profileId} canRun={engine.check?.available !== false} />
      ) : (
        <p className="muted form-hint">Add the profile to load its model.</p>
      )}
      <p className="muted form-hint">No key and no server: the model runs in the app, offline.</p>
    </fieldset>
  );
}
