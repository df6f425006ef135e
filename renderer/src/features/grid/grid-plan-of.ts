import type { SettingsView } from '../../../../shared/api';
import { originOf } from '../../../../shared/base-url';
import { caseValue, type CaseTable } from '../../../../shared/cases/case-set';
import type { GridPlan } from '../../../../shared/grid/grid-plan';
import type { Result } from '../../../../shared/result';
import { fail, ok } from '../../../../shared/result';
import { variablesOf } from '../../../../shared/template';
import type { ColumnSetup } from '../compare/use-compare-runs';

/** A Compare column as the grid needs it. */
export type GridSource = ColumnSetup & { label: string };

/**
 * The plan of a grid: every case × every Compare column, with the shared prompt as each column's template. Refused,
 * naming the case and variable, when a case has no value for a variable of the prompt (nothing is sent then).
 */
export const gridPlanOf = (
  columns: readonly GridSource[],
  prompt: string,
  table: CaseTable,
  settings: SettingsView | null,
  id: string,
  now: number,
): Result<GridPlan> => {
  if (table.rows.length === 0) return fail('invalid_input', 'Add at least one test case to run the grid.');
  const needed = variablesOf(prompt);
  for (const row of table.rows) {
    const missing = needed.find((v) => !Object.hasOwn(row.values, v) || caseValue(row, v) === '');
    if (missing !== undefined) {
      return fail('invalid_input', `${row.id} has no value for "${missing}"; fill it in or delete the case.`);
    }
  }
  return ok({
    id,
    createdAt: now,
    columns: columns.map((c, i) => {
      const profile = settings?.profiles.find((p) => p.id === c.profileId);
      return {
        id: c.id,
        label: `${i + 1}. ${c.label}`,
        params: { ...c.params, prompt },
        ...(c.extraBody ? { extraBody: c.extraBody } : {}),
        profileId: c.profileId,
        ...(profile ? { profileName: profile.name } : {}),
      };
    }),
    cases: table.rows,
    extraCells: [],
  });
};

/** The endpoint a profile's cells share: its base URL's origin (the profile id when it has none, a local model). */
export const endpointOfProfile = (settings: SettingsView | null, profileId: string | undefined): string => {
  const profile = settings?.profiles.find((p) => p.id === profileId);
  return originOf(profile?.baseUrl) ?? profileId ?? 'default';
};
