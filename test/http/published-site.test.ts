// The published site on Node: one render per refresh whatever the crowd, on-demand pages rendered once per
// publication, and the page's uptime figures the same as the API's for the same window.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { componentId } from '../../src/core/ids.js';
import { WINDOW_NAMES, WINDOWS } from '../../src/core/time.js';
import { formatUptime } from '../../src/core/uptime.js';
import { windowEndingAt } from '../../src/core/uptime-window.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { memorySiteStore } from '../../src/site/store.js';
import { publishedFastPath } from '../../src/http/node-fast-path.js';
import { bindHttp } from '../../src/http/node-listen.js';
import { silentLog } from '../../src/log.js';
import { formatClock } from '../../src/page/format-time.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { seedIncidents, seedRollups } from '../helpers/page-data.js';
import { spec } from '../helpers/specs.js';

let db: TestDb;
const now = new Date();
const clock = () => now;
const page = PageConfig.parse({ title: 'Published' });
const specs = Array.from({ length: 6 }, (_, i) => spec({ id: `p${i}`, name: `Monitor ${i}`, component: `Part ${Math.floor(i / 2)}`, group: i < 4 ? 'Core' : undefined, url: 'http://127.0.0.1:9/' }));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, specs, now);
  await db.sql`update monitor_state set status = 'up', last_check_at = ${now.toISOString()}::timestamptz, last_verdict = 'up'`;
  await seedRollups(db.sql, specs.map((s) => s.id), now);
  await seedIncidents(db.sql, 12, [...new Set(specs.map((s) => componentId(s.component)))], now);
});
afterAll(() => db.drop());

function setup() {
  const site = createStatusSite({ page, clock, log: silentLog });
  const app = createApp({ sql: () => db.sql, page, clock, log: silentLog, adminToken: undefined, site, runTick: () => Promise.reject(new Error('unused')) });
  return { site, app, refresh: () => site.refresh(() => readStatusData(db.sql, clock())) };
}

describe('the published site', () => {
  it('renders once per refresh: 50 concurrent requests right after a new publication cause no render', async () => {
    const { site, app, refresh } = setup();
    expect(await refresh()).toBe(true);
    expect(site.counts.renders).toBe(1);
    const pages = await Promise.all(Array.from({ length: 50 }, () => app.request('/')));
    expect(pages.every((r) => r.status === 200)).toBe(true);
    expect(new Set(pages.map((r) => r.headers.get('etag'))).size).toBe(1);
    expect(site.counts.renders).toBe(1);
    // A page made on demand is rendered once per publication, however many ask at once.
    const incidents = await Promise.all(Array.from({ length: 50 }, () => app.request('/incidents/seed-3')));
    expect(incidents.every((r) => r.status === 200)).toBe(true);
    expect(site.counts.renders).toBe(2);
    await Promise.all(Array.from({ length: 50 }, () => app.request('/incidents/seed-3')));
    expect(site.counts.renders).toBe(2);
    // A new publication: one render for it, and the on-demand page once more when asked.
    expect(await refresh()).toBe(true);
    await Promise.all(Array.from({ length: 50 }, () => app.request('/incidents/seed-3')));
    expect(site.counts.renders).toBe(4);
    expect(site.counts.reads).toBe(2);
  });

  it('a crowd arriving before anything was published shares one read and one render', async () => {
    const { site, app } = setup();
    const pages = await Promise.all(Array.from({ length: 50 }, () => app.request('/')));
    expect(pages.every((r) => r.status === 200)).toBe(true);
    expect(site.counts).toEqual({ reads: 1, renders: 1 });
  });

  it('shows on the page the uptime the API reads from the rollups for the same window', async () => {
    const { app, refresh } = setup();
    await refresh();
    const html = await (await app.request('/')).text();
    const components = (await (await app.request('/api/v1/components')).json()) as { components: Array<{ id: string; name: string; group: boolean }> };
    const labels: Record<string, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '90d': '90 days' };
    let compared = 0;
    for (const c of components.components.filter((x) => !x.group)) {
      const row = new RegExp(`<h[34]>${c.name}</h[34]>.*?<dl class="uptime">(.*?)</dl>`).exec(html);
      expect(row, c.name).not.toBeNull();
      for (const w of WINDOW_NAMES) {
        const shown = new RegExp(`<dt>${labels[w]}</dt><dd>([^<]*)</dd>`).exec(row![1]!)![1];
        // The database's answer for the window's explicit range (no snapshot involved) ...
        const from = windowEndingAt(now, WINDOWS[w]).from.toISOString();
        const read = (await (await app.request(`/api/v1/components/${c.id}/uptime?from=${encodeURIComponent(from)}`)).json()) as { uptime: number | null };
        // ... and the named window the API answers from the snapshot.
        const named = (await (await app.request(`/api/v1/components/${c.id}/uptime?window=${w}`)).json()) as { uptime: number | null };
        expect(shown, `${c.name} ${w}`).toBe(formatUptime(read.uptime));
        expect(named.uptime, `${c.name} ${w}`).toBe(read.uptime);
        compared++;
      }
    }
    expect(compared).toBe(12);
  });

  it('with the database gone, monitors whose checks stop arriving turn to "no data since …" and "as of" stays the newest check', async () => {
    let t = now.getTime();
    const moving = () => new Date(t);
    const site = createStatusSite({ page, clock: moving, log: silentLog });
    const broken = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 1, onnotice: () => undefined });
    let sql: postgres.Sql = db.sql;
    const app = createApp({ sql: () => sql, page, clock: moving, log: silentLog, adminToken: undefined, site, runTick: () => Promise.reject(new Error('unused')) });
    try {
      expect(await site.refresh(() => readStatusData(sql, moving()))).toBe(true);
      const fresh = await (await app.request('/')).text();
      expect(fresh).not.toContain('No data since');
      sql = broken;
      // One interval later the data is still current: only the "as of" note appears.
      t += 60_000;
      expect(await site.refresh(() => readStatusData(sql, moving()))).toBe(false);
      const soon = await (await app.request('/')).text();
      expect(soon).toContain('showing data as of');
      expect(soon).not.toContain('No data since');
      // Past two intervals without a check the monitors say nothing about now.
      t += 2 * 60_000;
      const rendersBefore = site.counts.renders;
      expect(await site.refresh(() => readStatusData(sql, moving()))).toBe(false);
      expect(site.counts.renders).toBe(rendersBefore + 1);
      const late = await (await app.request('/')).text();
      expect(late).toContain(`No data since ${formatClock(now.getTime(), 'UTC')}`);
      // Every component is without data and nothing is known to be wrong: the banner does not claim all is well.
      expect(late).toContain('<h2 id="overall">No recent checks: current status unknown</h2>');
      expect(soon).toContain('<h2 id="overall">All Systems Operational</h2>');
      expect(late).toContain(`as of <time datetime="${now.toISOString()}">`);
      const monitors = (await (await app.request('/api/v1/monitors')).json()) as { monitors: Array<{ status: string }> };
      expect(new Set(monitors.monitors.map((m) => m.status))).toEqual(new Set(['unknown']));
      // Nothing more changes: a further failed refresh renders nothing again.
      expect(await site.refresh(() => readStatusData(sql, moving()))).toBe(false);
      expect(site.counts.renders).toBe(rendersBefore + 1);
    } finally {
      await broken.end({ timeout: 0 });
    }
  });

  it('on Node, answers the site has ready leave node:http as they are, the same bytes and headers as through Hono', async () => {
    const { site, app, refresh } = setup();
    await refresh();
    const bound = await bindHttp(0, '127.0.0.1');
    bound.serveWith(app.fetch, publishedFastPath(site));
    const base = `http://127.0.0.1:${bound.port}`;
    try {
      await app.request('/badges/components/part-0/uptime.svg?window=7d'); // made once, then ready
      for (const path of ['/', '/api/v2/summary.json', '/api/v1/monitors', '/badges/components/part-0/uptime.svg?window=7d']) {
        const direct = await fetch(base + path, { headers: { 'accept-encoding': 'br' } });
        const viaHono = await app.request(path, { headers: { 'accept-encoding': 'br' } });
        expect(direct.status, path).toBe(200);
        expect(direct.headers.get('etag'), path).toBe(viaHono.headers.get('etag'));
        expect(direct.headers.get('content-type'), path).toBe(viaHono.headers.get('content-type'));
        expect(direct.headers.get('content-encoding'), path).toBe(viaHono.headers.get('content-encoding'));
        expect(direct.headers.get('x-content-type-options'), path).toBe('nosniff');
        const plain = { headers: { 'accept-encoding': 'identity' } };
        expect(await (await fetch(base + path, plain)).text(), path).toBe(await (await app.request(path, plain)).text());
      }
      // Conditional requests and everything not ready go through Hono, as before.
      const tag = (await fetch(`${base}/`)).headers.get('etag')!;
      expect((await fetch(`${base}/`, { headers: { 'if-none-match': tag } })).status).toBe(304);
      expect((await fetch(`${base}/api/v1/monitors/p0`)).status).toBe(200);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      expect(site.counts.renders).toBe(3); // the publication, the badge, the monitor
    } finally {
      await new Promise((r) => bound.server.close(r));
    }
  });

  it('a copy shared through the store (another isolate, as the Cache API gives it) is served at once, and refreshed in the background once it is old', async () => {
    const store = memorySiteStore();
    let t = now.getTime();
    const later = () => new Date(t);
    const deferred: Array<Promise<unknown>> = [];
    const publisher = createStatusSite({ page, clock: later, log: silentLog, store });
    const reader = createStatusSite({ page, clock: later, log: silentLog, store, refreshAfterMs: 180_000, defer: (w) => void deferred.push(w) });
    let reads = 0;
    const read = () => (reads++, readStatusData(db.sql, later()));
    expect(await publisher.refresh(read)).toBe(true);
    reads = 0;
    // Fresh: the reader serves the stored bytes and reads nothing.
    expect(await reader.representation('/', ['identity'], read)).not.toBeNull();
    expect({ reads, deferred: deferred.length }).toEqual({ reads: 0, deferred: 0 });
    // Old: still served at once, with one refresh left to run after the response (not one per request).
    t += 4 * 60_000;
    const served = await Promise.all(Array.from({ length: 20 }, () => reader.representation('/', ['identity'], read)));
    expect(served.every((r) => r !== null)).toBe(true);
    expect(deferred).toHaveLength(1);
    await Promise.all(deferred);
    expect(reads).toBe(1);
    expect((await store.head())!.generatedAt).toBe(t);
  });
});
