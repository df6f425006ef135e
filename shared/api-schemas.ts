/**
 * Argument schemas of every invoke method. The core dispatcher applies them to IPC and HTTP calls alike, so the two
 * transports cannot drift (docs/architecture.md#validate-at-boundaries). Kept apart from api.ts and channels.ts so the
 * preload never bundles zod.
 */
import { z } from 'zod';
import type { ApiArgs, InvokeMethod } from './api';
import {
  draftSchema,
  historyQuerySchema,
  presetSchema,
  profileInputSchema,
  runRequestSchema,
  settingsPatchSchema,
} from './schemas';
import { priceTableSchema } from './cost';
import { profileRunChoicesSchema } from './run-choices';
import { teamFolderPathSchema, teamMoveSchema, teamSaveOptionsSchema } from './team-folder';
import { storedCaseSetSchema } from './cases/stored-case-set';
import { gridIdSchema, gridPlanSchema } from './grid/grid-plan';

const id = z.string().min(1).max(64);
const apiKey = z
  .string()
  .trim()
  .min(1, 'the key is empty')
  .max(4096)
  .refine((k) => !/[\s\r\n]/.test(k), { message: 'the key contains white space' });

/**
 * A schema per invoke method that parses its positional arguments into exactly the method's parameter tuple, so the
 * dispatcher can hand what it parsed straight to the service.
 */
export type ApiArgSchemas = { readonly [M in InvokeMethod]: z.ZodType<ApiArgs<M>> };

/** Positional argument schemas per method; a missing entry or one that parses to other types fails to compile. */
export const API_ARG_SCHEMAS: ApiArgSchemas = {
  startRun: z.tuple([runRequestSchema]),
  cancelRun: z.tuple([z.string().max(64)]),
  listModels: z.tuple([id]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),
  saveProfile: z.tuple([profileInputSchema]),
  removeProfile: z.tuple([id]),
  setApiKey: z.tuple([id, apiKey]),
  clearApiKey: z.tuple([id]),
  getKeyStatus: z.tuple([id]),
  confirmKeyOrigin: z.tuple([id]),
  getDraft: z.tuple([]),
  saveDraft: z.tuple([draftSchema]),
  listPresets: z.tuple([]),
  savePreset: z.tuple([presetSchema]),
  deletePreset: z.tuple([id]),
  listHistory: z.tuple([historyQuerySchema]),
  getHistoryEntry: z.tuple([id]),
  starHistoryEntry: z.tuple([id, z.boolean()]),
  deleteHistoryEntry: z.tuple([id]),
  exportHistory: z.tuple([z.enum(['jsonl', 'csv'])]),
  getTeamFolder: z.tuple([]),
  teamFolderVersion: z.tuple([]),
  setTeamFolder: z.tuple([teamFolderPathSchema.nullable()]),
  chooseTeamFolder: z.tuple([]),
  saveTeamPreset: z.tuple([presetSchema, teamSaveOptionsSchema]),
  moveTeamPreset: z.tuple([teamMoveSchema]),
  checkLocalEngine: z.tuple([]),
  loadLocalModel: z.tuple([id]),
  localModelStatus: z.tuple([id]),
  cancelLocalModelLoad: z.tuple([id]),
  chooseLocalModelFile: z.tuple([]),
  listCaseSets: z.tuple([]),
  saveCaseSet: z.tuple([storedCaseSetSchema]),
  deleteCaseSet: z.tuple([id]),
  saveGrid: z.tuple([gridPlanSchema]),
  getGrid: z.tuple([]),
  clearGrid: z.tuple([gridIdSchema]),
  planServerCheck: z.tuple([id]),
  checkServer: z.tuple([id, z.string().trim().min(1, 'the model is empty').max(300)]),
  listCapabilityReports: z.tuple([]),
  countPromptTokens: z.tuple([id, z.string().max(300), z.string().max(2_000_000)]),
  getPriceTables: z.tuple([]),
  setPriceTable: z.tuple([id, priceTableSchema.nullable()]),
  getRunChoices: z.tuple([]),
  setRunChoices: z.tuple([id, profileRunChoicesSchema.nullable()]),
};

/** Turns zod issues into one readable line naming the field. */
export const describeIssues = (error: z.ZodError): { message: string; param?: string } => {
  const first = error.issues[0];
  if (!first) return { message: 'invalid input' };
  const path = first.path.map(String).join('.');
  return { message: path ? `${path}: ${first.message}` : first.message, ...(path ? { param: path } : {}) };
};
