import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidToken, SECURITY_HEADERS, TOKEN_HEADER } from './web-guards';

/**
 * Web mode keeps the launch token in a cookie once the printed address was opened, so a reload, a bookmark of `/` or
 * a second tab stays connected (docs/architecture.md#trusted-sender). The cookie is HttpOnly (no script, not even
 * ours, can read it), SameSite=Strict (no other site's page makes the browser send it) and host-only (no Domain).
 * Browsers do not separate cookies by port, so the name carries the port: two web modes on different ports keep
 * their own cookies, and a cookie from another launch on this port fails the token compare like any wrong token.
 */
export const sessionCookieName = (port: number): string => `r9s-playground-${port}`;

/** The `Set-Cookie` value that stores the token for this browser session (no Max-Age: it ends with the browser). */
export const sessionCookie = (port: number, token: string): string =>
  `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;

/** The value of one cookie in a `Cookie` header, or undefined when it is absent. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

/**
 * Whether an API request carries the launch token: in the token header (scripts, tests), or in the session cookie
 * of a request that names our page as its Origin. A browser names the Origin on every POST, so a cookie arriving
 * without one did not come from a page of ours (the foreign-Origin check has already refused other pages).
 */
export const isAuthorized = (req: IncomingMessage, token: string, port: number): boolean => {
  if (isValidToken(req.headers[TOKEN_HEADER], token)) return true;
  if (req.headers.origin === undefined) return false;
  return isValidToken(readCookie(req.headers.cookie, sessionCookieName(port)), token);
};

/**
 * Opening the printed address (`?token=`): answers with a redirect to the page without the token, so it is
 * not left in the address bar, the history or a bookmark. A correct token also sets the session cookie; a wrong one
 * (an address from an earlier launch) sets nothing, and the page then says it is not connected. Returns false when
 * the request carries no token in its URL.
 */
export const redirectTokenUrl = (
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  port: number,
): boolean => {
  const raw = req.url ?? '';
  const query = new URLSearchParams(raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '');
  const given = query.get('token');
  if (given === null) return false;
  query.delete('token');
  const rest = query.toString();
  res.writeHead(303, {
    ...SECURITY_HEADERS,
    // Always the page itself: a path taken from the request could be made to point at another host (`//evil`).
    Location: rest ? `/?${rest}` : '/',
    'Cache-Control': 'no-store',
    ...(isValidToken(given, token) ? { 'Set-Cookie': sessionCookie(port, token) } : {}),
  });
  res.end();
  return true;
};
