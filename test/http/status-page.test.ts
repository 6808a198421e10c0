// The public pages through app.request(): content, escaping, conditional requests, cache and security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { UPTIME_RULE } from '../../src/core/uptime.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { insertXssIncident } from '../helpers/page-data.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

let db: TestDb;
let target: LocalServer;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
const page = PageConfig.parse({ title: 'Test <status>', timeZone: 'America/New_York', links: [{ label: 'Help', url: 'https://help.example.com' }] });
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  target = await startServer((_req, res) => res.end('ok'));
  await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/`, group: 'X' }), spec({ id: 'web', url: `${target.url}/`, component: 'Website', group: 'X' })], clock.now());
  await runTick(db.sql, clock.now);
  await insertXssIncident(db.sql, new Date(clock.now().getTime() - 600_000));
  const at = (min: number) => new Date(clock.now().getTime() + min * 60_000).toISOString();
  await db.sql`insert into maintenances (id, title, body, scheduled_for, scheduled_until, component_ids) values
    ('m-now', 'Database upgrade', 'Writes may be **slow**.', ${at(-30)}::timestamptz, ${at(30)}::timestamptz, '["app-api"]'::jsonb),
    ('m-later', 'Network work', '', ${at(24 * 60)}::timestamptz, ${at(25 * 60)}::timestamptz, '["website"]'::jsonb)`;
  const deps = { sql: () => db.sql, clock: clock.now, log: silentLog };
  app = createApp({ ...deps, page, adminToken: undefined, runTick: () => runTick(db.sql, clock.now), staticFiles: nodeStaticFiles() });
});
afterAll(async () => {
  await target.close();
  await db.drop();
});

describe('status page', () => {
  it('renders the banner, components, uptime rule and the open incident, escaped', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('Test &lt;status&gt;');
    expect(html).toContain('Minor Service Outage');
    // "as of" is the newest check's time (the probe stamps it with the machine's clock, not the test's).
    const [{ newest }] = await db.sql<[{ newest: Date }]>`select max(last_check_at) as newest from monitor_state`;
    expect(html).toContain(`as of <time datetime="${newest.toISOString()}">`);
    expect(html).toContain('<h3 class="group">X</h3>');
    expect(html).toContain('App (API)');
    expect(html).toContain(UPTIME_RULE);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script>|<img src=x|onerror=alert\(1\)>/);
    // Nothing inline: the only script and stylesheet are same-origin files, no style attributes, no handlers.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/page.js" defer=""></script>'.replace('</script>', '')]);
    // (attribute values blanked first: an escaped title inside data-t is text, not an attribute)
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\s(style|on[a-z]+)=/);
  });

  it('shows maintenance in progress and upcoming, and the component under maintenance', async () => {
    const html = await (await app.request('/')).text();
    expect(html).toContain('<h2>Maintenance in progress: Database upgrade</h2>');
    expect(html).toContain('Writes may be <strong>slow</strong>.');
    expect(html).toContain('<h2>Scheduled maintenance: Network work</h2>');
    expect(html).toContain('<span class="st s-under_maintenance">Under maintenance</span>');
    expect(html).toContain('Tue, 10 Mar 2026, 10:30 EDT (14:30 UTC)');
  });

  it('shows only the components the config lists, in its order', async () => {
    const deps = { sql: () => db.sql, clock: clock.now, log: silentLog };
    const filtered = createApp({ ...deps, page: { ...page, components: ['Website'] }, adminToken: undefined, runTick: () => runTick(db.sql, clock.now) });
    const html = await (await filtered.request('/')).text();
    expect(html.match(/<li class="comp">/g)).toHaveLength(1);
    expect(html).toContain('<h4>Website</h4>');
    expect(html).not.toContain('<h4>App (API)</h4>');
  });

  it('sends a strict CSP and the usual security headers', async () => {
    const res = await app.request('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('answers 304 to a matching ETag or Last-Modified, with cache headers that ride out outages', async () => {
    const first = await app.request('/');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const [{ newest }] = await db.sql<[{ newest: Date }]>`select max(last_check_at) as newest from monitor_state`;
    expect(lastModified).toBe(new Date(Math.floor(newest.getTime() / 1000) * 1000).toUTCString());
    expect(first.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=60, stale-if-error=86400');
    const byEtag = await app.request('/', { headers: { 'if-none-match': `W/"nope", ${etag}` } });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    expect(byEtag.headers.get('etag')).toBe(etag);
    expect(byEtag.headers.get('cache-control')).toContain('stale-if-error');
    expect((await app.request('/', { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await app.request('/', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    expect((await app.request('/', { headers: { 'if-modified-since': 'Tue, 10 Mar 2026 14:59:59 GMT' } })).status).toBe(200);
  });

  it('shows both X incidents in the history, with their timelines and approximate times', async () => {
    const res = await app.request('/history');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.indexOf('March 2025')).toBeLessThan(html.indexOf('March 2023'));
    expect(html).toContain('X unavailable in waves (“massive cyberattack” claim)');
    expect(html).toContain('Twitter: links, logins and images broken');
    for (const s of ['Investigating', 'Identified', 'Monitoring', 'Resolved']) expect(html).toContain(`<strong>${s}</strong>`);
    expect(html).toContain('Mon, 6 Mar 2023, 12:19 EST (17:19 UTC)');
    expect(html).toContain('about Mon, 10 Mar 2025, 13:25 EDT (17:25 UTC)');
    expect(html).toContain('<time datetime="2025-03-10T16:00:00.000Z">Mon, 10 Mar 2025, 12:00 EDT (16:00 UTC)</time>');
    expect(html).toContain('href="https://www.zdnet.com/article/did-twitter-just-break-itself/"');
  });

  it('shows one incident with impact, components, duration and timeline; 404 page for an unknown one', async () => {
    const html = await (await app.request('/incidents/x-2023-03-06')).text();
    expect(html).toContain('<h1>Twitter: links, logins and images broken</h1>');
    expect(html).toContain('Major impact');
    expect(html).toContain('App (API), Website');
    expect(html).toContain('lasted about 1 h 20 min');
    expect(html).toContain('more than 8,000 reports');
    const missing = await app.request('/incidents/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Incident not found');
    // An id no incident can have (a NUL byte) is the same 404 page, without a lookup.
    const nul = await app.request('/incidents/a%00b');
    expect(nul.status).toBe(404);
    expect(await nul.text()).toContain('Incident not found');
  });

  it('serves the stylesheet and script from public/ on Node', async () => {
    const css = await app.request('/assets/page.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('prefers-color-scheme:dark');
    expect((await app.request('/assets/page.js')).status).toBe(200);
    expect((await app.request('/robots.txt')).status).toBe(200);
    expect((await app.request('/assets/nope.css')).status).toBe(404);
  });
});
