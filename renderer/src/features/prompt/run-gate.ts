import { useMemo } from 'react';
import { paramConflicts } from '../../../../shared/param-rules';
import { PARAM_TABLE } from '../../../../shared/params';
import type { Draft } from '../../../../shared/schemas';
import type { EditorField, FieldErrors } from '../../state/draft-store';
import { fillDraftPrompt } from '../../state/run-request';
import { preRunQuestion } from '../../state/pre-run';
import type { BranchMark } from '../../state/run-store';
import { useStores, type Stores } from '../../state/stores-context';

/** Why a draft cannot run, named by the field to fix. */
export interface RunBlock {
  field: EditorField | 'model' | 'variables';
  /** For `variables`: the first variable without a value. */
  variable?: string;
  message: string;
}

const fieldLabel = (field: EditorField): string =>
  field === 'extra_body' ? 'Extra body' : PARAM_TABLE[field].label;

/**
 * The one "can this run?" check, for Run, Regenerate and Ctrl/Cmd+Enter: a model name, no field whose text is
 * invalid (the draft would still hold its last valid value, so the run would send something the user does not see),
 * and no parameters the server is certain to refuse together. Undefined when the draft can run.
 */
export function runBlock(draft: Draft, fieldErrors: FieldErrors = {}): RunBlock | undefined {
  if (draft.params.model.trim() === '') {
    return { field: 'model', message: 'Enter a model name to run: type one, or pick from the list with ↓.' };
  }
  const invalid = (Object.entries(fieldErrors) as [EditorField, string][])[0];
  if (invalid) {
    const [field, error] = invalid;
    return { field, message: `${fieldLabel(field)} is not valid, so nothing was sent: ${error}` };
  }
  const conflict = paramConflicts(draft.params)[0];
  if (conflict) return { field: conflict.param, message: conflict.explanation };
  if (draft.params.prompt.includes('{{')) {
    const filled = fillDraftPrompt(draft);
    if (!filled.ok) return { field: 'variables', variable: filled.missing[0], message: filled.message };
  }
  return undefined;
}

/** Moves focus to the control that needs fixing (its invalid part first), so the keyboard user lands on it. */
function focusField(field: RunBlock['field'], variable?: string): void {
  if (typeof document === 'undefined') return;
  if (field === 'variables') {
    const inputs = document.querySelectorAll<HTMLInputElement>('.variables-form input[data-variable]');
    [...inputs].find((i) => i.dataset['variable'] === variable)?.focus();
    return;
  }
  const scope = field === 'model' ? '.model-picker' : `[data-param="${field}"]`;
  const target =
    document.querySelector<HTMLElement>(`${scope} [aria-invalid="true"]`) ??
    document.querySelector<HTMLElement>(`${scope} :is(input, textarea, select)`);
  target?.focus();
}

/** Run and Regenerate behind the check; a refused attempt says why (draft state) and focuses the field. */
export interface RunGate {
  run: () => void;
  regenerate: () => void;
  /** Runs the editor's draft as a branch of the current run ("Continue with ‹token›"). */
  branch: (mark: Omit<BranchMark, 'parentRunId' | 'parentDraft' | 'grandparentRunId'>) => void;
}

/** Makes the gate over the app's stores. */
export function createRunGate(stores: Stores): RunGate {
  const attempt = (block: RunBlock | undefined, start: () => void) => {
    if (block) {
      stores.draft.setRunRefused(true);
      focusField(block.field, block.variable);
      return;
    }
    stores.draft.setRunRefused(false);
    start();
  };
  const run = () => {
    const { draft, fieldErrors } = stores.draft.store.get();
    attempt(runBlock(draft, fieldErrors), () => {
      // A parameter the last check saw refused, or a prompt that cannot fit, is asked about first.
      const profileId = stores.settings.store.get().view?.activeProfileId ?? '';
      const asked = preRunQuestion(stores.server.store.get(), profileId, draft);
      if (asked.question) stores.server.ask(asked.question);
      else stores.run.run(asked.draft);
    });
  };
  return {
    run,
    branch(mark) {
      const { draft, fieldErrors } = stores.draft.store.get();
      // The editor may not have taken the branch prompt (its input refused): the mark's prompt is what runs.
      const next = { ...draft, params: { ...draft.params, prompt: mark.branchPrompt } };
      attempt(runBlock(next, fieldErrors), () => stores.run.branch(next, mark));
    },
    regenerate() {
      const last = stores.run.store.get().draft;
      // Regenerate resends the last run's own draft, not the editor's, so only that draft is checked.
      if (last) attempt(runBlock(last), () => stores.run.regenerate());
      else run();
    },
  };
}

/** The gate of the surrounding ApiProvider's stores. */
export function useRunGate(): RunGate {
  const stores = useStores();
  return useMemo(() => createRunGate(stores), [stores]);
}
