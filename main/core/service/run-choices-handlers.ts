/**
 * The pre-run answers remembered per profile, an entry of the settings document read through its schema: an
 * unreadable profile entry is dropped with a notice, and a change is written before it is returned
 * (docs/architecture.md#data-is-sacred).
 */
import type { InvokeHandlers, Profile } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import { profileRunChoicesSchema, type RunChoices } from '../../../shared/run-choices';
import type { JsonStore } from '../ports';
import { guarded } from './guarded';
import type { RunContext } from './run-manager';

const CHOICES_KEY = 'runChoices';

/** What the handlers need from the service. */
export interface RunChoicesDeps {
  store: JsonStore;
  notices: string[];
  profile: (id: string) => Profile | undefined;
  profileIds: () => string[];
}

const readChoices = (deps: RunChoicesDeps): RunChoices => {
  const raw = deps.store.get(CHOICES_KEY);
  const out: RunChoices = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [id, choices] of Object.entries(raw)) {
    const parsed = profileRunChoicesSchema.safeParse(choices);
    if (parsed.success) Object.defineProperty(out, id, { value: parsed.data, enumerable: true });
    else deps.notices.push(`Remembered run choices of profile ${id} could not be read and were ignored.`);
  }
  return out;
};

/** Builds getRunChoices and setRunChoices over the settings document. */
export const createRunChoicesHandlers = (
  deps: RunChoicesDeps,
): Pick<InvokeHandlers<RunContext>, 'getRunChoices' | 'setRunChoices'> => {
  let choices = readChoices(deps);
  return {
    getRunChoices: () => Promise.resolve(ok(choices)),
    setRunChoices: (profileId, next) =>
      guarded('remember the run choice', () => {
        if (!deps.profile(profileId)) return fail('not_found', `There is no profile with id ${profileId}.`);
        // Profiles removed since are pruned on the way, like price tables.
        const kept: RunChoices = {};
        for (const id of deps.profileIds())
          if (id !== profileId && Object.hasOwn(choices, id)) kept[id] = choices[id]!;
        if (next && Object.keys(next).length > 0) kept[profileId] = next;
        deps.store.set(CHOICES_KEY, kept);
        choices = kept;
        return ok(choices);
      }),
  };
};
