import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';

/** A saved report opened as a colleague would read it: a fresh context, JavaScript off, offline. */
export interface OfflineReport {
  page: Page;
  /** Every request the report tried besides its own file (each was refused): a self-contained one makes none. */
  refused: string[];
  close: () => Promise<void>;
}

/** Opens the HTML file at `path` in a second context with no script and every request but the file refused. */
export async function openReportOffline(browser: Browser, path: string): Promise<OfflineReport> {
  const reader = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const refused: string[] = [];
  await reader.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    refused.push(route.request().url());
    return route.abort();
  });
  const page = await reader.newPage();
  await page.goto(pathToFileURL(path).href);
  return { page, refused, close: () => reader.close() };
}
