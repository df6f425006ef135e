import { z } from 'zod';
import type { InvokeMethod } from '../../shared/api';
import { API_ARG_SCHEMAS, describeIssues } from '../../shared/api-schemas';
import { INVOKE_CHANNELS } from '../../shared/channels';
import { fail, type Result } from '../../shared/result';
import type { Logger } from './ports';
import type { PlaygroundService, RunContext } from './service';

/** Validates and routes every call, identically for IPC and HTTP (design rule 5). */
export interface Dispatcher {
  /** `args` is the positional argument array as received: `unknown` until its method's schema narrows it. */
  dispatch(method: string, args: unknown, ctx: RunContext): Promise<Result<unknown>>;
}

type Handler = (args: never, ctx: RunContext) => Promise<Result<unknown>>;

/** Calls the service method with parsed args; written per method so no string ever indexes the service. */
const handlersOf = (s: PlaygroundService): { [M in InvokeMethod]: Handler } => ({
  startRun: ([request]: [Parameters<PlaygroundService['startRun']>[0]], ctx) => s.startRun(request, ctx),
  cancelRun: ([runId]: [string]) => s.cancelRun(runId),
  listModels: ([id]: [string]) => s.listModels(id),
  getSettings: () => s.getSettings(),
  updateSettings: ([patch]: Parameters<PlaygroundService['updateSettings']>) => s.updateSettings(patch),
  saveProfile: ([input]: Parameters<PlaygroundService['saveProfile']>) => s.saveProfile(input),
  removeProfile: ([id]: [string]) => s.removeProfile(id),
  setApiKey: ([id, key]: [string, string]) => s.setApiKey(id, key),
  clearApiKey: ([id]: [string]) => s.clearApiKey(id),
  getKeyStatus: ([id]: [string]) => s.getKeyStatus(id),
  confirmKeyOrigin: ([id]: [string]) => s.confirmKeyOrigin(id),
  getDraft: () => s.getDraft(),
  saveDraft: ([draft]: Parameters<PlaygroundService['saveDraft']>) => s.saveDraft(draft),
  listPresets: () => s.listPresets(),
  savePreset: ([preset]: Parameters<PlaygroundService['savePreset']>) => s.savePreset(preset),
  deletePreset: ([id]: [string]) => s.deletePreset(id),
  listHistory: ([query]: Parameters<PlaygroundService['listHistory']>) => s.listHistory(query),
  getHistoryEntry: ([id]: [string]) => s.getHistoryEntry(id),
  starHistoryEntry: ([id, starred]: [string, boolean]) => s.starHistoryEntry(id, starred),
  deleteHistoryEntry: ([id]: [string]) => s.deleteHistoryEntry(id),
  exportHistory: ([format]: ['jsonl' | 'csv']) => s.exportHistory(format),
});

/** Drops the tuple position from issue paths, so messages read `params.temperature: …` rather than `0.params…`. */
const withoutPosition = (error: z.ZodError) =>
  new z.ZodError(error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) })));

/**
 * The one dispatcher behind IPC and HTTP: refuses unknown methods (an own-property check, never indexing the service
 * with a caller's string), validates the arguments with the shared schemas (design rule 5) and turns an unexpected
 * throw into an error value without its stack (design rule 6).
 */
export const createDispatcher = (service: PlaygroundService, logger?: Logger): Dispatcher => {
  const handlers = handlersOf(service);
  return {
    async dispatch(method, args, ctx) {
      if (typeof method !== 'string' || !Object.hasOwn(INVOKE_CHANNELS, method)) {
        return fail('invalid_input', `Unknown method: ${String(method).slice(0, 64)}`);
      }
      const name = method as InvokeMethod;
      const parsed = API_ARG_SCHEMAS[name].safeParse(args);
      if (!parsed.success) {
        const { message, param } = describeIssues(withoutPosition(parsed.error));
        return fail('invalid_input', message, param ? { param } : {});
      }
      try {
        return await (handlers[name] as (args: unknown, ctx: RunContext) => Promise<Result<unknown>>)(
          parsed.data,
          ctx,
        );
      } catch (error) {
        logger?.error('dispatch: unexpected failure', {
          method: name,
          error: (error as Error)?.name ?? 'unknown',
        });
        return fail('storage', `Something went wrong while handling ${name}; see the log for details.`);
      }
    },
  };
};
