// The report form in real Chromium, with and without JavaScript: a report is counted and shown after the next
// snapshot; the form keeps the page free of serious axe violations and inside 375 px; nothing breaks the CSP.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, loadHistoryFiles } from '../../src/config/load-file.js';
import { importHistory } from '../../src/db/import-history.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { BROWSER_RETRY, launchChromium, seriousViolations, watchPage, type Chromium } from '../helpers/browser.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import { spec } from '../helpers/specs.js';

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

let db: TestDb;
let app: ReportsApp;
const browsers: Chromium[] = [];

async function browser(javaScriptEnabled: boolean): Promise<BrowserContext> {
  const launched = await launchChromium({ javaScriptEnabled, viewport: { width: 375, height: 900 } });
  browsers.push(launched);
  return launched.context;
}

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url, { history: false });
  await syncMonitors(db.sql, [
    spec({ id: 'x-app-api', name: 'X app API', component: 'App (API)', group: 'X', url: 'http://127.0.0.1:9/' }),
    spec({ id: 'x-website', name: 'X website', component: 'Website', group: 'X', url: 'http://127.0.0.1:9/' }),
  ], new Date());
  app = await startReportsApp(() => db.sql);
  await app.refresh();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  await app?.close();
  await db?.drop();
});

/** Console errors and uncaught exceptions on `page`. */
const watch = (page: Parameters<typeof watchPage>[0]) => watchPage(page).errors;

describe('reporting a problem in Chromium', { retry: BROWSER_RETRY }, () => {
  it('without JavaScript: the plain form posts, comes back to the page and says thanks', async () => {
    const page = await (await browser(false)).newPage();
    const errors = watch(page);
    await page.goto(`${app.base}/`);
    await page.locator('details.report summary', { hasText: 'Website' }).click();
    await page.locator('form[data-report="website"] label', { hasText: "Images don't load" }).click();
    await page.locator('form[data-report="website"] button').click();
    await page.waitForURL(`${app.base}/#reported-website`);
    expect(await page.locator('#reported-website').isVisible()).toBe(true);
    expect(await page.locator('#reported-app-api').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('the X 2025 incident page draws its report curve, approximate, with the split and the sources, within 375 px', async () => {
    await importHistory(db.sql, await loadHistoryFiles(await loadConfigFile('lookout.config.json'), 'lookout.config.json'), new Date());
    await app.refresh();
    const page = await (await browser(true)).newPage();
    const errors = watch(page);
    await page.goto(`${app.base}/incidents/x-2025-03-10`);
    const figure = page.locator('figure.curve');
    expect(await figure.locator('svg path').isVisible()).toBe(true);
    expect(await figure.locator('figcaption').textContent()).toBe('Reports to Downdetector, approximate (as the press reported them) · 56 % App (API), 33 % Website');
    expect(await figure.locator('.curve-points li').allTextContents()).toEqual([
      'about Mon, 10 Mar 2025, 06:00 EDT (10:00 UTC): about 21,000 (first spike, 6 a.m. Eastern)',
      'about Mon, 10 Mar 2025, 10:00 EDT (14:00 UTC): more than 40,000 (second spike, 10 a.m. Eastern)',
      'about Mon, 10 Mar 2025, 17:00 EDT (21:00 UTC): about 1,500 (evening)',
    ]);
    expect(await figure.locator('.sources a').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'x-2025-reports-375.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('with JavaScript: the report is sent without leaving the page; both are counted after the next snapshot', async () => {
    const page = await (await browser(true)).newPage();
    const errors = watch(page);
    await page.goto(`${app.base}/`);
    await page.locator('details.report summary', { hasText: 'App (API)' }).click();
    await page.locator('form[data-report="app-api"] label', { hasText: "Can't log in" }).click();
    // The open form at 375 px: within the width, no serious axe violation.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-form-375.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    const posted = page.waitForResponse((r) => r.url().endsWith('/reports') && r.request().method() === 'POST');
    await page.locator('form[data-report="app-api"] button').click();
    expect((await posted).status()).toBe(202);
    await expect.poll(() => page.locator('#reported-app-api').isVisible()).toBe(true);
    expect(page.url()).toBe(`${app.base}/`);
    expect(await page.locator('details.report[open]').count()).toBe(0);

    // Published as of the last snapshot: nothing yet; after the flush and the next refresh, both reports.
    expect(await page.locator('.reports-chart figcaption').textContent()).toContain('X: 0 reports');
    await app.flusher.flush();
    await app.refresh();
    await page.reload();
    expect(await page.locator('.reports-chart figcaption').textContent()).toBe('X: 2 reports in the last 24 hours · 50 % App (API), 50 % Website');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-chart-375.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
