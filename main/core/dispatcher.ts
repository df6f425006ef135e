import { z } from 'zod';
import type { ApiArgs, ApiReturn, InvokeHandlers, InvokeMethod } from '../../shared/api';
import { API_ARG_SCHEMAS, describeIssues } from '../../shared/api-schemas';
import { isInvokeMethod } from '../../shared/channels';
import { fail, type Result } from '../../shared/result';
import type { Logger } from './ports';
import type { PlaygroundService, RunContext } from './service';
import { isValueTooLarge, MAX_ARGS_DEPTH } from './value-depth';

/** Validates and routes every call, identically for IPC and HTTP (docs/architecture.md#validate-at-boundaries). */
export interface Dispatcher {
  /** `args` is the positional argument array as received: `unknown` until its method's schema narrows it. */
  dispatch<M extends InvokeMethod>(method: M, args: unknown, ctx: RunContext): Promise<ApiReturn<M>>;
  /** A caller's method name, refused unless it is in the method list. */
  dispatch(method: string, args: unknown, ctx: RunContext): Promise<Result<unknown>>;
}

/** Drops the tuple position from issue paths, so messages read `params.temperature: …` rather than `0.params…`. */
const withoutPosition = (error: z.ZodError) =>
  new z.ZodError(error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) })));

/**
 * The one dispatcher behind IPC and HTTP: refuses a name that is not in the method list (so a caller's string never
 * reaches `constructor`, `__proto__` or a host-only member of the service), refuses arguments too deep or too large
 * for the recursive schemas, validates the arguments with the shared schema of the method and calls the service's method of that name with them and the caller's context. An
 * unexpected throw becomes an error value without its stack (docs/architecture.md#failures-are-values).
 */
export const createDispatcher = (service: PlaygroundService, logger?: Logger): Dispatcher => {
  const handlers: InvokeHandlers<RunContext> = service;

  const invoke = async <M extends InvokeMethod>(
    method: M,
    args: unknown,
    ctx: RunContext,
  ): Promise<ApiReturn<M>> => {
    if (isValueTooLarge(args))
      return fail('invalid_input', `arguments nest deeper than ${MAX_ARGS_DEPTH} levels or are too large`);
    try {
      const schema: z.ZodType<ApiArgs<M>> = API_ARG_SCHEMAS[method];
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const { message, param } = describeIssues(withoutPosition(parsed.error));
        return fail('invalid_input', message, param ? { param } : {});
      }
      return await handlers[method](...parsed.data, ctx);
    } catch (error) {
      logger?.error('dispatch: unexpected failure', {
        method,
        error: (error as Error)?.name ?? 'unknown',
      });
      return fail('storage', `Something went wrong while handling ${method}; see the log for details.`);
    }
  };

  function dispatch<M extends InvokeMethod>(method: M, args: unknown, ctx: RunContext): Promise<ApiReturn<M>>;
  function dispatch(method: string, args: unknown, ctx: RunContext): Promise<Result<unknown>>;
  async function dispatch(method: string, args: unknown, ctx: RunContext): Promise<Result<unknown>> {
    if (!isInvokeMethod(method))
      return fail('invalid_input', `Unknown method: ${String(method).slice(0, 64)}`);
    return invoke(method, args, ctx);
  }
  return { dispatch };
};
