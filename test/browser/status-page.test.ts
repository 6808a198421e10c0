// The page in real headless Chromium (Debian's, driven by playwright-core): phone and desktop widths, light and
// dark, screenshots for CI artifacts, an axe-core scan, the X history, and markup in incidents staying inert.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { XSS_TITLE, insertXssIncident, seedRollups } from '../helpers/page-data.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { runTick } from '../helpers/tick.js';

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let db: TestDb;
let target: LocalServer;
let server: ServerType;
let base: string;
let context: BrowserContext;
let profile: string;
let axeSource: string;

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
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mkdir(SCREENSHOTS, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), 'lookout-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  axeSource = await readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await target?.close();
  await db?.drop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** A page that records dialogs, console errors (CSP violations land there) and any request leaving the app. */
async function openPage(): Promise<{ page: Page; dialogs: string[]; errors: string[]; foreign: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => !r.url().startsWith(base) && foreign.push(r.url()));
  return { page, dialogs, errors, foreign };
}

/** axe-core evaluated through the DevTools protocol (the page's CSP rightly refuses injected script tags). */
async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('status page in Chromium', () => {
  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`renders at ${width} px in ${scheme} mode without overflow, third-party requests or serious axe violations`, async () => {
        const { page, errors, foreign, dialogs } = await openPage();
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
        await page.close();
      });
    }
  }

  it('shows a day\'s date, uptime and incidents when a troubled day gets keyboard focus', async () => {
    const { page } = await openPage();
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
    await page.close();
  });

  it('shows both X incidents in the history with their full timelines', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await openPage();
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
      await page.close();
    }
  });

  it('shows markup in an incident title and body as text, and never runs it', async () => {
    const { page, dialogs, errors } = await openPage();
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
    await page.close();
  });

  it('folds groups when there are many components: each group opens with a click or a keypress, and links to its full page', { timeout: 90_000 }, async () => {
    const many = await createTestDb(dbTargets()[0]!.url, { history: false });
    const specs = Array.from({ length: 40 }, (_, i) => spec({ id: `f${i}`, name: `Monitor ${i}`, component: `Service ${i}`, group: `Region ${Math.floor(i / 10)}`, url: `${target.url}/` }));
    await syncMonitors(many.sql, specs, new Date());
    await many.sql`update monitor_state set status = 'up', last_check_at = now(), last_verdict = 'up'`;
    await many.sql`update monitor_state set status = 'down', last_verdict = 'down' where monitor_id = 'f12'`;
    await seedRollups(many.sql, specs.map((x) => x.id), new Date());
    const app = createApp({ sql: () => many.sql, page: PageConfig.parse({ title: 'Many' }), clock: () => new Date(), log: silentLog, adminToken: undefined, runTick: () => Promise.reject(new Error('unused')), staticFiles: nodeStaticFiles() });
    const folded = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const foldedBase = `http://127.0.0.1:${(folded.address() as AddressInfo).port}`;
    const { page, errors } = await openPage();
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
      await page.close();
      await new Promise<void>((r) => folded.close(() => r()));
      await many.drop();
    }
  });
});
