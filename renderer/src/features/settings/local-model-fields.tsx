import { useId } from 'react';
import type { ProfileForm } from './profile-form';

type LocalKey = 'modelPath' | 'contextSize' | 'threads' | 'gpuLayers';

/** One labelled input of the local model's settings. */
function LocalField(props: {
  label: string;
  hint: string;
  value: string;
  type: 'text' | 'number';
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type}
        className="text-input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p className="muted form-hint">{props.hint}</p>
    </div>
  );
}

/**
 * A local profile's settings: the GGUF file (typed; main checks that it exists and is a GGUF model when the profile
 * is saved) and the engine's load settings, each empty for the engine's default.
 */
export function LocalModelFields({
  form,
  set,
}: {
  form: ProfileForm;
  set: (patch: Partial<ProfileForm>) => void;
}) {
  const field = (key: LocalKey, label: string, hint: string) => (
    <LocalField
      label={label}
      hint={hint}
      value={form[key]}
      type={key === 'modelPath' ? 'text' : 'number'}
      onChange={(value) => set({ [key]: value })}
    />
  );
  return (
    <fieldset className="form-group">
      <legend>Local model (GGUF)</legend>
      {field(
        'modelPath',
        'Model file',
        'The absolute path of a .gguf file (~/ is your home folder), e.g. from LM Studio, Ollama or Hugging Face.',
      )}
      <div className="form-grid">
        {field('contextSize', 'Context size', 'Tokens; empty: the model’s own, at most 4,096.')}
        {field('threads', 'Threads', 'CPU threads; empty: one fewer than the CPU’s cores.')}
        {field(
          'gpuLayers',
          'GPU layers',
          'Used only where a GPU backend (CUDA, Vulkan, Metal) loads; CPU only otherwise.',
        )}
      </div>
      <p className="muted form-hint">No key and no server: the model runs in the app, offline.</p>
    </fieldset>
  );
}
