// The operator console in real headless Chromium (Debian's, driven by playwright-core): sign in, an incident from a
// template through two updates to resolved and on the public page after the next snapshot; a weekly maintenance in
// America/New_York across the November DST change at the right UTC times, expanded further by the tick; a failed
// delivery redelivered and a test event sent; axe-core on every console page, at 375 px without sideways scrolling;
// script payloads inert.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { wireAlerting } from '../helpers/alerting.js';
import { BROWSER_RETRY, launchChromium, openPage as openWatchedPage, seriousViolations, serveApp, type Chromium, type ServedApp } from '../helpers/browser.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const TOKEN = 'browser-admin-token-0123456789';
// Ten days before New York leaves daylight saving time (Sunday 1 November 2026, 02:00 EDT → 01:00 EST).
const clock = fakeClock(new Date('2026-10-20T14:00:00Z'));

let db: TestDb;
let target: LocalServer;
let receiver: Receiver;
let served: ServedApp;
let base: string;
let browser: Chromium;
let tick: () => Promise<unknown>;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url, { history: false });
  target = await startServer((_req, res) => res.end('ok'));
  // The first delivery is refused (400: not retried), every later one accepted.
  receiver = await startReceiver((n) => ({ status: n === 1 ? 400 : 204 }));
  await syncMonitors(db.sql, [
    spec({ id: 'api', name: 'API', url: `${target.url}/`, component: 'App (API)', group: 'X' }),
    spec({ id: 'web', name: 'Website', url: `${target.url}/`, component: 'Website', group: 'X' }),
  ], clock.now());
  const wired = await wireAlerting(db.sql, clock.now, [receiver.url]);
  tick = wired.tick;
  await tick();
  const app = createApp({
    sql: () => db.sql, page: PageConfig.parse({ title: 'X status', timeZone: 'America/New_York' }), clock: clock.now, log: silentLog, adminToken: TOKEN,
    runTick: wired.tick, staticFiles: nodeStaticFiles(),
  });
  served = await serveApp(app.fetch);
  base = served.base;
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await target?.close();
  await receiver?.close();
  await db?.drop();
});

const openPage = () => openWatchedPage(browser.context);

const incidentUrl = { value: '' };

async function signInOn(page: Page): Promise<void> {
  await page.fill('#token', TOKEN);
  await page.click('button[type=submit]');
}

describe('operator console in Chromium', { retry: BROWSER_RETRY }, () => {
  it('signs in with a token (a page without a session goes to the sign-in page)', async () => {
    const { page, errors, close } = await openPage();
    await page.goto(`${base}/admin/incidents`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('#token', 'wrong-token-0123456789');
    await page.click('button[type=submit]');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('not valid');
    await signInOn(page);
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.locator('.who').textContent()).toContain('LOOKOUT_ADMIN_TOKEN');
    expect(await page.locator('table').first().textContent()).toContain('API');
    // The refused sign-in answered 401, which Chromium logs; nothing else may be.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await close();
  });

  it('creates an incident from a template, posts two updates, resolves it; the public page shows the timeline after the next snapshot', async () => {
    const { page, errors, close } = await openPage();
    await page.goto(`${base}/admin/incidents`);
    await page.click('a[href="/admin/incidents?template=degraded#h-new"]');
    expect(await page.inputValue('#new-title')).toBe('Slow responses');
    await page.fill('#new-title', 'Checkout is slow');
    await page.selectOption('#new-app-api', 'degraded_performance');
    await page.click('form[action="/admin/incidents"] button[type=submit]');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/incidents\/inc_/);
    incidentUrl.value = new URL(page.url()).pathname;

    await page.selectOption('#upd-status', 'identified');
    await page.fill('#upd-body', 'A slow database query; we are rolling back.');
    await page.selectOption('#upd-app-api', 'partial_outage');
    await page.click('form[action$="/updates"] >> text=Post update');
    await page.selectOption('#upd-status', 'monitoring');
    await page.fill('#upd-body', 'Rolled back; watching the latency.');
    await page.click('form[action$="/updates"] >> text=Post update');
    await page.fill('#res-body', 'Latency is back to normal.');
    await page.click('text=Resolve incident');
    const timeline = await page.locator('#h-timeline + ol > li').allTextContents();
    expect(timeline).toHaveLength(4);
    expect(timeline[0]).toContain('resolved');
    expect(timeline.every((t) => t.includes('by LOOKOUT_ADMIN_TOKEN'))).toBe(true);
    expect(await page.locator('#h-pm').count()).toBe(1);

    // The next snapshot (a tick refreshes the published site) shows the whole timeline, without the author.
    await tick();
    const id = incidentUrl.value.split('/').pop()!;
    await page.goto(`${base}/incidents/${id}`);
    const body = await page.locator('main').textContent();
    for (const text of ['Checkout is slow', 'Investigating', 'A slow database query; we are rolling back.', 'Rolled back; watching the latency.', 'Latency is back to normal.']) expect(body).toContain(text);
    expect(body).not.toContain('LOOKOUT_ADMIN_TOKEN');
    expect(errors).toEqual([]);
    await close();
  });

  it('redelivers a failed delivery and sends a test event', async () => {
    await tick();
    const { page, close } = await openPage();
    await page.goto(`${base}/admin/alerts?state=failed`);
    const failed = page.locator('tr.delivery');
    expect(await failed.count()).toBe(1);
    expect(await failed.first().textContent()).toContain('HTTP 400');
    await failed.first().locator('text=Redeliver').click();
    await page.goto(`${base}/admin/alerts?state=pending`);
    expect(await page.locator('tr.delivery').count()).toBe(1);
    await tick();
    await page.goto(`${base}/admin/alerts?state=failed`);
    expect(await page.locator('tr.delivery').count()).toBe(0);
    const redelivered = receiver.received.filter((r) => r.json.type === 'incident.opened');
    expect(redelivered).toHaveLength(2);
    expect(redelivered[0]!.headers['webhook-id']).toBe(redelivered[1]!.headers['webhook-id']);

    await page.goto(`${base}/admin/alerts`);
    await page.click('text=Send test event');
    expect(await page.locator('tr.delivery').first().textContent()).toContain('endpoint.test');
    await tick();
    expect(receiver.types()).toContain('endpoint.test');
    await close();
  });

  it('schedules a weekly window in America/New_York across the DST change at the right UTC times, and the tick expands further', async () => {
    const { page, errors, close } = await openPage();
    await page.goto(`${base}/admin/maintenance`);
    await page.fill('#rs-title', 'Weekly database maintenance');
    await page.check('#rs-day-SU');
    await page.fill('#rs-zone', 'America/New_York');
    await page.fill('#rs-start', '2026-10-20');
    await page.fill('#rs-time', '02:00');
    await page.fill('#rs-duration', '60');
    await page.check('#rs-app-api');
    await page.click('text=Create recurring window');
    expect(new URL(page.url()).pathname).toBe('/admin/maintenance');
    const starts = async () => page.locator('tr.window:has-text("Weekly database maintenance") td:nth-child(3) time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    // 02:00 EDT is 06:00 UTC; from 1 November 02:00 EST is 07:00 UTC. Five Sundays fit the 35-day horizon.
    expect(await starts()).toEqual(['2026-10-25T06:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-08T07:00:00.000Z', '2026-11-15T07:00:00.000Z', '2026-11-22T07:00:00.000Z']);
    expect(await page.locator('tr.window').first().textContent()).toContain('(06:00 UTC)');
    expect(await page.locator('.schedule').textContent()).toContain('FREQ=WEEKLY;BYDAY=SU');

    // Ten days on, the tick writes the windows that came within the horizon.
    clock.advance(10 * 86400_000);
    await tick();
    // The session has expired meanwhile (12 h): the console asks to sign in again.
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await signInOn(page);
    await page.goto(`${base}/admin/maintenance`);
    expect((await starts()).slice(-2)).toEqual(['2026-11-22T07:00:00.000Z', '2026-11-29T07:00:00.000Z']);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps script payloads inert in the console', async () => {
    const { page, dialogs, close } = await openPage();
    await page.goto(`${base}/admin/incidents`);
    await page.fill('#new-title', '<img src=x onerror=alert(1)><script>alert(2)</script>');
    await page.fill('#new-body', '<script>alert(3)</script> [click](javascript:alert(4))');
    await page.click('form[action="/admin/incidents"] button[type=submit]');
    expect(await page.locator('h1').textContent()).toBe('<img src=x onerror=alert(1)><script>alert(2)</script>');
    const link = page.locator('.body a');
    expect(await link.count()).toBe(0);
    await page.goto(`${base}/admin/incidents`);
    await page.goto(`${base}/admin`);
    expect(dialogs).toEqual([]);
    await close();
  });

  for (const width of [375, 1280]) {
    it(`every console page at ${width} px: no serious or critical axe violations, no sideways scrolling, no CSP errors`, async () => {
      const { page, errors, close } = await openPage();
      await page.setViewportSize({ width, height: 900 });
      const maintenance = await db.sql`select id from maintenances order by scheduled_for limit 1`;
      const paths = ['/admin', '/admin/incidents', incidentUrl.value, `${incidentUrl.value}/preview`, '/admin/maintenance', `/admin/maintenance/${maintenance[0]!.id}`, '/admin/alerts', '/admin/tokens', '/admin/audit', '/admin/no-such-page'];
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        expect([path, await seriousViolations(page)]).toEqual([path, []]);
        expect([path, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, width]);
        await page.screenshot({ path: join(SCREENSHOTS, `console${path.replace(/\//g, '-').replace(/-admin/, '').replace(/inc_\w+/, 'incident') || '-overview'}-${width}.png`), fullPage: true });
      }
      // The sign-in page, signed out (in a context of its own, so this one stays signed in).
      const other = await browser.context.browser()?.newContext();
      const login = other ? await other.newPage() : page;
      await login.setViewportSize({ width, height: 900 });
      await login.goto(`${base}/admin/login`);
      expect(await seriousViolations(login)).toEqual([]);
      // Only the 404 page's own status is logged: no CSP violation, no script error.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);
      await other?.close();
      await close();
    }, 90_000);
  }

  it('signs out: the session ends on the server', async () => {
    const { page, close } = await openPage();
    await page.goto(`${base}/admin`);
    await page.click('text=Sign out');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.goto(`${base}/admin/alerts`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    const sessions = await db.sql`select count(*)::int as n, count(ended_at)::int as ended from admin_sessions`;
    expect(sessions[0]).toEqual({ n: 2, ended: 1 });
    await close();
  });
});
