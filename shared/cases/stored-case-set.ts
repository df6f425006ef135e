/** A case set as the user's data keeps it: the set itself plus the id and time the store gives it. */
import { z } from 'zod';
import { caseSetSchema, type CaseSet } from './case-set';

/** Most case sets kept (a guard against a runaway page, far above real use). */
export const MAX_STORED_CASE_SETS = 500;

/** A stored case set: `id` names it in the store, `updatedAt` is when it was last saved. */
export const storedCaseSetSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a case set id is 1–64 URL-safe characters'),
  updatedAt: z.number(),
  set: caseSetSchema,
});

/** A stored case set. */
export type StoredCaseSet = z.infer<typeof storedCaseSetSchema>;

/** A set wrapped for storing. */
export const storedCaseSet = (id: string, set: CaseSet, updatedAt: number): StoredCaseSet => ({
  id,
  updatedAt,
  set,
});
