// The report form in real Chromium, with and without JavaScript: a report is counted and shown after the next
// snapshot; the form keeps the page free of serious axe violations and inside 375 px; nothing breaks the CSP.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, loadHistoryFiles } from '../../src/config/load-file.js';
import { importHistory } from '../../src/db/import-history.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import { spec } from '../helpers/specs.js';

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let db: TestDb;
let app: ReportsApp;
let axeSource: string;
const profiles: string[] = [];
const contexts: BrowserContext[] = [];

async function browser(javaScriptEnabled: boolean): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'lookout-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, javaScriptEnabled, viewport: { width: 375, height: 900 } });
  contexts.push(context);
  return context;
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
  axeSource = await readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await app?.close();
  await db?.drop();
  for (const p of profiles) await rm(p, { recursive: true, force: true });
});

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function seriousViolations(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(({ id, nodes }) => ({ id, nodes }));
}

describe('reporting a problem in Chromium', () => {
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
