/**
 * What a capability report means for a run: which of the parameters about to be sent the server is known to refuse
 * (the pre-run question "llama-server rejects n > 1 — run with n = 1 / send anyway / cancel"), which parameter a
 * failed run's error points at, and the one-line text of a parameter's badge.
 */
import type { CapabilityReport, CheckedParam, ParamCheck } from './capabilities';
import { CHECKED_PARAMS } from './capabilities';
import type { AppError } from './result';

/** A rejected verdict. */
export type Rejected = Extract<ParamCheck, { status: 'rejected' }>;

/** A parameter about to be sent that the report knows the server refuses. */
export interface KnownRejection {
  param: CheckedParam;
  check: Rejected;
  /** "llama-server rejects n > 1". */
  headline: string;
  /** The server's own words: "HTTP 500 'Only one completion choice is allowed'". */
  detail: string;
  /** The way out that drops the parameter: "Run with n = 1", "Run without echo". */
  fixLabel: string;
}

/** Parameter values as a run holds them; `undefined` is "not set". */
export type ParamValues = Partial<Record<CheckedParam, unknown>>;

const SERVER_NAMES: Record<CapabilityReport['server'], string> = {
  'llama.cpp': 'llama-server',
  vllm: 'vLLM',
  unknown: 'This server',
  local: 'The local engine',
};

/**
 * Whether a value will be sent. Mirrors the request builder (docs/architecture.md#not-set-not-sent): unset values and
 * empty stop lists or bias tables are not sent. `n = 1` counts as not sent here too: every server makes one choice,
 * the check asked for two, and a server that refuses n > 1 (llama.cpp) accepts n = 1.
 */
const isSent = (param: CheckedParam, value: unknown): boolean => {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  if (param === 'n') return typeof value === 'number' && value > 1;
  return true;
};

/** The server's answer in one line. */
const detailOf = (check: Rejected): string => `HTTP ${check.httpStatus} '${check.message}'`;

const describe = (report: CapabilityReport, param: CheckedParam, check: Rejected): KnownRejection => ({
  param,
  check,
  headline: `${SERVER_NAMES[report.server]} rejects ${param === 'n' ? 'n > 1' : param}`,
  detail: detailOf(check),
  fixLabel: param === 'n' ? 'Run with n = 1' : `Run without ${param}`,
});

/** The parameters set in `params` that the report knows the server rejects, in table order. */
export const rejectionFor = (report: CapabilityReport, params: ParamValues): KnownRejection[] => {
  const out: KnownRejection[] = [];
  for (const param of CHECKED_PARAMS) {
    const check = report.params[param];
    if (check.status === 'rejected' && isSent(param, params[param])) out.push(describe(report, param, check));
  }
  return out;
};

/** The same values with the rejected parameters set back to "not set" (n then falls back to the server's one). */
export const withoutRejected = <P extends ParamValues>(
  params: P,
  rejections: readonly KnownRejection[],
): P => {
  const out = { ...params };
  for (const r of rejections) delete out[r.param];
  return out;
};

/** Whether a server message names a parameter as a word ("Unsupported param: echo" names echo, not "echoed"). */
export const mentionsParam = (message: string, param: CheckedParam): boolean =>
  new RegExp(`(^|[^a-z_])${param}([^a-z_]|$)`, 'i').test(message);

/**
 * The known rejection a failed run's error matches: the same status and message the check recorded, else the
 * error's own `param` field, else a message that names the parameter with the recorded status. Only parameters the
 * run sent are considered when `sent` is given. Undefined when nothing matches.
 */
export const matchRejection = (
  report: CapabilityReport,
  error: AppError,
  sent?: ParamValues,
): KnownRejection | undefined => {
  const candidates = CHECKED_PARAMS.flatMap((param) => {
    const check = report.params[param];
    if (check.status !== 'rejected') return [];
    if (sent && !isSent(param, sent[param])) return [];
    return [{ param, check }];
  });
  const hit =
    candidates.find((c) => c.check.httpStatus === error.status && c.check.message === error.message) ??
    candidates.find((c) => c.param === error.param) ??
    candidates.find((c) => c.check.httpStatus === error.status && mentionsParam(error.message, c.param));
  return hit ? describe(report, hit.param, hit.check) : undefined;
};

/** The tooltip of a parameter's badge: "rejected by this server: HTTP 500 'Unsupported param: echo'". */
export const describeParamCheck = (check: ParamCheck): string => {
  switch (check.status) {
    case 'honoured':
      return check.evidence === 'observed'
        ? `honoured by this server: ${check.reason}`
        : `accepted by this server: ${check.reason}`;
    case 'ignored':
      return `accepted but ignored by this server: ${check.reason}`;
    case 'rejected':
      return `rejected by this server: ${detailOf(check)}`;
    case 'not-checked':
      return `not checked: ${check.reason}`;
  }
};
