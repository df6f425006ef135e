import type { PlaygroundApi } from '../../../shared/api';
import { paramConflicts } from '../../../shared/param-rules';
import { DEFAULT_PARAMS, type CompletionParams, type OptionalParamKey } from '../../../shared/params';
import { dropUnset } from '../../../shared/request-body';
import type { Draft } from '../../../shared/schemas';
import { variablesOf } from '../../../shared/template';
import { useStores } from './stores-context';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/** An editor field whose text can be invalid while it is typed (the draft then still holds its last valid value). */
export type EditorField = OptionalParamKey | 'extra_body';

/** Why each field's text cannot be used right now; a field that is fine has no entry. */
export type FieldErrors = Readonly<Partial<Record<EditorField, string>>>;

/** What the editor holds: the draft, whether it was restored yet, and the drafts that replaceDraft can undo to. */
export interface DraftState {
  draft: Draft;
  isLoaded: boolean;
  /** Drafts replaced by replaceDraft, newest last (undo restores the last one). */
  undoStack: Draft[];
  /** Set when the last save failed, so the UI can say the draft is not being kept. */
  saveError?: string;
  /**
   * Fields whose text is invalid: the draft holds their last valid value, which must not be sent as if it were
   * what the user sees, so a run waits until they are fixed.
   */
  fieldErrors: FieldErrors;
  /** Set when a run was refused for an invalid field or a missing model, so the reason stays shown until a run. */
  isRunRefused: boolean;
}

/** The draft editing actions features use (the PRESETS work codes against these names). */
export interface DraftActions {
  /** Swaps the whole draft (loading a preset, a history entry); undoable through `undoReplace`. */
  replaceDraft: (draft: Draft) => void;
  patchParams: (patch: Partial<CompletionParams>) => void;
  setExtraBody: (extra: Record<string, unknown> | undefined) => void;
  /** Restores the draft that the last replaceDraft swapped out; false when there is none. */
  undoReplace: () => boolean;
  /** Links the editor to a preset it was just saved as: not a replacement, so there is nothing to undo. */
  setPresetId: (presetId: string) => void;
  /** Records that a field's text is invalid (`error`) or fine again (undefined). */
  setFieldError: (field: EditorField, error: string | undefined) => void;
  /** Sets the value of a prompt variable for single runs (kept with the draft). */
  setVariable: (name: string, value: string) => void;
}

/** The draft store with its persistence. */
export interface DraftStore extends DraftActions {
  store: Store<DraftState>;
  /** Restores the saved draft once; `fallbackModel` fills an empty model. */
  load: (fallbackModel?: string) => Promise<void>;
  /** Saves now if a save is pending (pagehide / beforeunload). */
  flush: () => void;
  /** Shows (true) or clears (false) why the last run attempt was refused. */
  setRunRefused: (isRefused: boolean) => void;
  dispose: () => void;
}

const MAX_UNDO = 20;
/** Most variable values the draft keeps (the draft schema's limit). */
const MAX_KEPT_VARIABLES = 100;
/** Debounce of draft saves: well under a second, so a crash loses at most the last moment of editing. */
export const DRAFT_SAVE_DELAY_MS = 400;

/** Drops what the draft schema would refuse, so an in-between edit (best_of < n) never blocks saving the rest. */
export function toSavableDraft(draft: Draft): Draft {
  const params = dropUnset(draft.params);
  // The parameter a conflict names is the one the user is still editing; the rest of the draft is kept.
  for (const conflict of paramConflicts(params)) delete params[conflict.param];
  if (params.stop) params.stop = params.stop.filter((s) => s.length > 0);
  const out: Draft = { params };
  if (draft.extraBody && Object.keys(draft.extraBody).length > 0) out.extraBody = draft.extraBody;
  if (draft.presetId) out.presetId = draft.presetId;
  if (draft.variables && Object.keys(draft.variables).length > 0) out.variables = draft.variables;
  return out;
}

/** Makes the draft store: every change is saved through api.saveDraft within DRAFT_SAVE_DELAY_MS. */
export function createDraftStore(api: PlaygroundApi, delayMs = DRAFT_SAVE_DELAY_MS): DraftStore {
  const store = createStore<DraftState>({
    draft: { params: { ...DEFAULT_PARAMS } },
    isLoaded: false,
    undoStack: [],
    fieldErrors: {},
    isRunRefused: false,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isDirty = false;

  const save = () => {
    timer = undefined;
    if (!isDirty) return;
    isDirty = false;
    void api.saveDraft(toSavableDraft(store.get().draft)).then((res) => {
      const saveError = res.ok ? undefined : res.error.message;
      if (store.get().saveError !== saveError) store.update((s) => ({ ...s, saveError }));
    });
  };
  const schedule = () => {
    isDirty = true;
    if (timer === undefined) timer = setTimeout(save, delayMs);
  };
  const setDraft = (draft: Draft, undoStack = store.get().undoStack) => {
    store.update((s) => ({ ...s, draft, undoStack }));
    schedule();
  };

  return {
    store,
    async load(fallbackModel) {
      let saved: Draft | null = null;
      try {
        const res = await api.getDraft();
        if (res.ok) saved = res.value;
      } catch {
        // An unreachable service still gets an editor; the next save will tell (saveError).
      }
      const draft: Draft = saved ?? { params: { ...DEFAULT_PARAMS } };
      if (!draft.params.model && fallbackModel) draft.params = { ...draft.params, model: fallbackModel };
      // A second load (a StrictMode re-mount) must not clobber edits made since the first.
      if (store.get().isLoaded) return;
      store.set({ ...store.get(), draft, isLoaded: true });
    },
    replaceDraft(draft) {
      const prev = store.get();
      // Variable values belong to the user's inputs, not to a setup: loading a preset or a run keeps them.
      const variables = draft.variables ?? prev.draft.variables;
      const next = variables ? { ...draft, variables } : draft;
      setDraft(next, [...prev.undoStack, prev.draft].slice(-MAX_UNDO));
    },
    patchParams(patch) {
      const { draft } = store.get();
      setDraft({ ...draft, params: { ...draft.params, ...patch } });
    },
    setExtraBody(extra) {
      const { draft } = store.get();
      const next: Draft = { ...draft };
      if (extra === undefined) delete next.extraBody;
      else next.extraBody = extra;
      setDraft(next);
    },
    undoReplace() {
      const { undoStack } = store.get();
      const last = undoStack[undoStack.length - 1];
      if (!last) return false;
      setDraft(last, undoStack.slice(0, -1));
      return true;
    },
    setPresetId(presetId) {
      setDraft({ ...store.get().draft, presetId });
    },
    setVariable(name, value) {
      const { draft } = store.get();
      // A fresh object without a prototype chain: a variable may be called "toString" (or anything else).
      const variables: Record<string, string> = Object.assign(Object.create(null) as object, draft.variables);
      variables[name] = value;
      // Values of variables no longer in the prompt are kept (the user may put them back), up to the stored limit.
      const kept =
        Object.keys(variables).length > MAX_KEPT_VARIABLES
          ? Object.fromEntries(
              variablesOf(draft.params.prompt).flatMap((v) =>
                Object.hasOwn(variables, v) ? [[v, variables[v] ?? '']] : [],
              ),
            )
          : { ...variables };
      setDraft({ ...draft, variables: kept });
    },
    setFieldError(field, error) {
      const { fieldErrors } = store.get();
      if (fieldErrors[field] === error) return;
      const next = { ...fieldErrors };
      if (error === undefined) delete next[field];
      else next[field] = error;
      store.update((s) => ({ ...s, fieldErrors: next }));
    },
    setRunRefused(isRefused) {
      if (store.get().isRunRefused !== isRefused) store.update((s) => ({ ...s, isRunRefused: isRefused }));
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      save();
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

const selectDraft = (s: DraftState) => s.draft;

/** The current draft (re-renders on every change, prompt keystrokes included). */
export function useDraft(): Draft {
  return useStoreSelector(useStores().draft.store, selectDraft);
}

/** A slice of the draft state; the selector must return an existing reference or a primitive. */
export function useDraftSelector<T>(select: (s: DraftState) => T): T {
  return useStoreSelector(useStores().draft.store, select);
}

/** Stable draft actions. */
export function useDraftActions(): DraftActions {
  return useStores().draft;
}
