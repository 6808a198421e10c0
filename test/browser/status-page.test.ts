// The page in real headless Chromium (Debian's, driven by playwright-core): phone and desktop widths, light and
// dark, screenshots for CI artifacts, an axe-core scan, the X history, and markup in incidents staying inert.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { BROWSER_RETRY, launchChromium, openPage as openWatchedPage, seriousViolations, serveApp, type Chromium, type ServedApp } from '../helpers/browser.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { XSS_TITLE, insertXssIncident, seedRollups } from '../helpers/page-data.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { runTick } from '../helpers/tick.js';

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

let db: TestDb;
let target: LocalServer;
let served: ServedApp;
let base: string;
let browser: Chromium;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  target = await startServer((_req, res) => res.end('ok'));
  const now = () => new Date();
  await syncMonitors(db.sql, [
    spec({ id: 'x-app-api', name: 'X app API', url: `${target.url}/`, component: 'App (API)', group: 'X' }),
    spec({ id: 'x-website', name: 'X website', url: `${target.url}/`, component: 'Website', group: 'X' }),
  ], now());
  await runTick(db.sql, now);
  await seedRollups(db.sql, ['x-app-api', 'x-website'], now());
  await insertXssIncident(db.sql, new Date(Date.now() - 25 * 60_000));
  const page = PageConfig.parse({
    title: 'X status', description: 'Is X (formerly Twitter) up? Live checks of the app API and the website, with outage history.',
    timeZone: 'America/New_York', links: [{ label: 'X Help Center', url: 'https://help.x.com' }],
  });
  const deps = { sql: () => db.sql, clock: now, log: silentLog };
  const app = createApp({ ...deps, page, adminToken: undefined, runTick: () => runTick(db.sql, now), staticFiles: nodeStaticFiles() });
  served = await serveApp(app.fetch);
  base = served.base;
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await target?.close();
  await db?.drop();
});

/** A page on the shared browser that also records any request leaving the app. */
const openPage = () => openWatchedPage(browser.context, base);

describe('status page in Chromium', { retry: BROWSER_RETRY }, () => {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`renders at ${width} px in ${scheme} mode without overflow, third-party requests or serious axe violations`, async () => {
        const { page, errors, foreign, dialogs, close } = await openPage();
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        const res = await page.goto(`${base}/`);
        expect(res!.status()).toBe(200);
        await expect.poll(() => page.locator('h2#overall').textContent()).toBeTruthy();
        expect(await page.locator('.banner').textContent()).toMatch(/as of \d\d:\d\d UTC, /);
        expect(await page.locator('li.comp').count()).toBe(2);
        expect(await page.locator('.bar').first().locator('i').count()).toBe(90);
        expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(4);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg).toBe(scheme === 'dark' ? 'rgb(18, 18, 22)' : 'rgb(255, 255, 255)');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(SCREENSHOTS, `status-${width}-${scheme}.png`), fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
        expect({ errors, foreign, dialogs }).toEqual({ errors: [], foreign: [], dialogs: [] });
        await close();
      });
    }
  }

  it('shows a day\'s date, uptime and incidents when a troubled day gets keyboard focus', async () => {
    const { page, close } = await openPage();
    await page.goto(`${base}/`);
    const cell = page.locator('.bar i[tabindex="0"]').first();
    await cell.focus();
    const tip = await cell.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(tip).toMatch(/^"\d{1,2} [A-Z][a-z]{2,3}: [\d.]+ %/);
    // A quiet day gets its tooltip from page.js on hover: date and 100 % (operational) or no data.
    const quiet = page.locator('.bar i.o').first();
    await quiet.hover();
    await expect.poll(() => quiet.getAttribute('data-t')).toMatch(/^\d{1,2} [A-Z][a-z]{2,3}: 100\.00 %$/);
    expect(await quiet.evaluate((el) => getComputedStyle(el, '::after').content)).toMatch(/^"\d{1,2} [A-Z][a-z]{2,3}: 100\.00 %"$/);
    await close();
  });

  it('shows both X incidents in the history with their full timelines', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await openPage();
      await page.setViewportSize({ width: 375, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${base}/history`);
      const x2025 = page.locator('article#i-x-2025-03-10');
      const x2023 = page.locator('article#i-x-2023-03-06');
      await expect.poll(() => x2025.locator('h3').textContent()).toBe('X unavailable in waves (“massive cyberattack” claim)');
      expect(await x2023.locator('h3').textContent()).toBe('Twitter: links, logins and images broken');
      expect(await x2025.locator('.timeline > li').count()).toBe(8);
      expect(await x2023.locator('.timeline > li').count()).toBe(4);
      expect(await x2023.locator('.timeline .when strong').allTextContents()).toEqual(['Resolved', 'Monitoring', 'Identified', 'Investigating']);
      expect(await x2023.textContent()).toContain('12:19 EST (17:19 UTC)');
      expect(await x2025.textContent()).toContain('about Mon, 10 Mar 2025, 13:25 EDT (17:25 UTC)');
      expect(await x2025.locator('.sources a').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, `history-375-${scheme}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.goto(`${base}/incidents/x-2023-03-06`);
      expect(await page.locator('h1').textContent()).toBe('Twitter: links, logins and images broken');
      expect(await seriousViolations(page)).toEqual([]);
      await close();
    }
  });

  it('shows markup in an incident title and body as text, and never runs it', async () => {
    const { page, dialogs, errors, close } = await openPage();
    for (const path of ['/', '/history', '/incidents/xss-1']) {
      await page.goto(`${base}${path}`);
      await expect.poll(() => page.getByText(XSS_TITLE, { exact: true }).first().isVisible()).toBe(true);
      expect(await page.getByText('Body <script>alert(1)</script> and "><img src=x onerror=alert(1)> and [link](javascript:alert(1)) and').first().isVisible()).toBe(true);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await page.evaluate(() => [...document.scripts].map((s) => s.src || 'inline'))).toEqual([`${base}/assets/page.js`]);
    }
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('folds groups when there are many components: each group opens with a click or a keypress, and links to its full page', { timeout: 90_000 }, async () => {
    const many = await createTestDb(dbTargets()[0]!.url, { history: false });
    const specs = Array.from({ length: 40 }, (_, i) => spec({ id: `f${i}`, name: `Monitor ${i}`, component: `Service ${i}`, group: `Region ${Math.floor(i / 10)}`, url: `${target.url}/` }));
    await syncMonitors(many.sql, specs, new Date());
    await many.sql`update monitor_state set status = 'up', last_check_at = now(), last_verdict = 'up'`;
    await many.sql`update monitor_state set status = 'down', last_verdict = 'down' where monitor_id = 'f12'`;
    await seedRollups(many.sql, specs.map((x) => x.id), new Date());
    const app = createApp({ sql: () => many.sql, page: PageConfig.parse({ title: 'Many' }), clock: () => new Date(), log: silentLog, adminToken: undefined, runTick: () => Promise.reject(new Error('unused')), staticFiles: nodeStaticFiles() });
    const folded = await serveApp(app.fetch);
    const foldedBase = folded.base;
    const { page, errors, close } = await openWatchedPage(browser.context);
    try {
      await page.setViewportSize({ width: 375, height: 900 });
      await page.goto(`${foldedBase}/`);
      const groups = page.locator('details.fold');
      expect(await groups.count()).toBe(4);
      const region1 = groups.nth(1);
      expect(await region1.locator('summary').textContent()).toContain('Major outage');
      expect(await region1.locator('summary').textContent()).toContain('10 components, 1 not operational');
      expect(await region1.locator('li.comp').first().isVisible()).toBe(false);
      // Keyboard: focus the group's row and press Enter.
      await region1.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => region1.locator('li.comp').first().isVisible()).toBe(true);
      expect(await region1.locator('li.comp').count()).toBe(10);
      expect(await region1.locator('li.comp .s-major_outage').count()).toBe(1);
      // A click opens another.
      await groups.nth(2).locator('summary').click();
      await expect.poll(() => groups.nth(2).locator('li.comp').first().isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'folded-375-light.png'), fullPage: true });
      await region1.getByRole('link', { name: /Region 1/ }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Region 1');
      expect(await page.locator('li.comp').count()).toBe(10);
      expect(await page.locator('.bar').first().locator('i').count()).toBe(90);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
      await folded.close();
      await many.drop();
    }
  });
});
