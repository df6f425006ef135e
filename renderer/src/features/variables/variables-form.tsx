import { useDeferredValue, useMemo } from 'react';
import { variablesOf } from '../../../../shared/template';
import { useDraftActions, useDraftSelector } from '../../state/draft-store';

/**
 * The prompt's `{{variables}}`, found as the user types, each with a value for single runs. The values are kept with
 * the draft; a variable left empty blocks Run, naming it (renderer/src/features/prompt/run-gate.ts).
 */
export function VariablesForm() {
  const prompt = useDraftSelector((s) => s.draft.params.prompt);
  const values = useDraftSelector((s) => s.draft.variables);
  const { setVariable } = useDraftActions();
  // Parsing is linear, but a long prompt need not be re-read on every keystroke while typing fast.
  const deferred = useDeferredValue(prompt);
  const names = useMemo(() => (deferred.includes('{{') ? variablesOf(deferred) : []), [deferred]);
  if (names.length === 0) return null;
  return (
    <form className="variables-form" aria-label="Variables" onSubmit={(e) => e.preventDefault()}>
      <span className="panel-title">Variables</span>
      {names.map((name) => {
        const value = values && Object.hasOwn(values, name) ? values[name] : undefined;
        return (
          <label key={name} className="variable-field">
            <code>{name}</code>
            <input
              className="text-input"
              data-variable={name}
              value={value ?? ''}
              aria-invalid={value === undefined || value === '' ? true : undefined}
              onChange={(e) => setVariable(name, e.target.value)}
            />
          </label>
        );
      })}
    </form>
  );
}
