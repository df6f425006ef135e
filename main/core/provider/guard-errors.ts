/**
 * The errors of the client's own guards, each saying which guard stopped the run and what to do: a timeout, a
 * redirect that is not followed, the output limit, a base URL that carries a user name or password.
 */
import type { AppError } from '../../../shared/result';
import type { TimeoutLimit } from './watchdog';

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
};

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** A timeout of the profile's headers or idle limit. */
export const errorFromTimeout = (limit: TimeoutLimit, ms: number, url: string): AppError =>
  limit === 'headers'
    ? {
        kind: 'timeout',
        code: 'headers_timeout',
        message: `${hostOf(url)} did not answer within ${seconds(ms)} (the profile's response timeout).`,
      }
    : {
        kind: 'timeout',
        code: 'idle_timeout',
        message: `${hostOf(url)} sent nothing for ${seconds(ms)} (the profile's idle timeout).`,
      };

/**
 * Where a redirect points, for the message: resolved against the request URL, without user name, password, query
 * or fragment (a redirect target may carry a signed token, and this text is stored in history).
 */
const targetOf = (location: string | null, url: string): string | undefined => {
  if (!location) return undefined;
  try {
    const target = new URL(location, url);
    return `${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return undefined;
  }
};

/** Whether a status is a redirect (answered, never followed: see errorFromRedirect). */
export const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/**
 * A 3xx answer. Redirects are never followed: fetch would re-send the prompt and the profile's extra headers to
 * wherever the server points, another host included, and a loop would repeat the POST many times.
 */
export const errorFromRedirect = (status: number, location: string | null, url: string): AppError => {
  const target = targetOf(location, url);
  const where = target ? `redirected to ${target}` : 'answered with a redirect';
  return {
    kind: 'http_error',
    status,
    code: 'redirect',
    message: `The server ${where} (HTTP ${status}) — update the base URL. Requests are never sent on to another address.`,
  };
};

/** The output limit of a run was reached; what arrived until then is kept. */
export const outputLimitError = (choice: number, limit: number): AppError => ({
  kind: 'output_limit',
  message:
    `Output limit reached: choice ${choice} has ${limit.toLocaleString('en-US')} characters, the most a run ` +
    'keeps per choice (Settings). The output so far is kept.',
});

/** A document (or one stream event) larger than the output limit allows; it is not parsed. */
export const bodyLimitError = (what: string, maxBytes: number): AppError => ({
  kind: 'output_limit',
  message: `Output limit reached: ${what.toLowerCase()} is larger than ${Number((maxBytes / 1024 / 1024).toFixed(1))} MB, more than the output limit (Settings) allows, and was not read further.`,
});

/**
 * Refuses a base URL with a user name or password in it: fetch would send them as Basic credentials, and the URL
 * is shown and stored in many places. The message never repeats the URL.
 */
export const userinfoError = (baseUrl: string): AppError | undefined => {
  try {
    const url = new URL(baseUrl.trim());
    if (url.username === '' && url.password === '') return undefined;
  } catch {
    return undefined;
  }
  return {
    kind: 'invalid_input',
    param: 'baseUrl',
    message:
      "The profile's base URL contains a user name or password; remove it in Settings (the API key has its own field).",
  };
};
