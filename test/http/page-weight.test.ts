// The page is opened on phones during outages: HTML + CSS + JS for 10 components must stay under 60 KB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { componentId } from '../../src/core/ids.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { seedIncidents, seedRollups } from '../helpers/page-data.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  const specs = Array.from({ length: 10 }, (_, i) => spec({ id: `m${i}`, name: `Monitor ${i}`, component: `Component number ${i}`, group: i < 5 ? 'Core' : 'Edge', url: 'http://127.0.0.1:9/' }));
  await syncMonitors(db.sql, specs, clock.now());
  await db.sql`update monitor_state set status = 'up'`;
  await seedRollups(db.sql, specs.map((s) => s.id), clock.now());
  await seedIncidents(db.sql, 60, specs.map((s) => componentId(s.component)), clock.now());
});
afterAll(() => db.drop());

describe('page weight', () => {
  it('keeps HTML + CSS + JS under 60 KB for 10 components with 90 days of data and 60 incidents', async () => {
    const deps = { sql: () => db.sql, clock: clock.now, log: silentLog };
    const app = createApp({ ...deps, page: PageConfig.parse({}), adminToken: undefined, runTick: () => Promise.reject(new Error('unused')), staticFiles: nodeStaticFiles() });
    const html = await (await app.request('/')).arrayBuffer();
    const css = await (await app.request('/assets/page.css')).arrayBuffer();
    const js = await (await app.request('/assets/page.js')).arrayBuffer();
    const text = new TextDecoder().decode(html);
    expect(text.match(/<li class="comp">/g)).toHaveLength(10);
    expect(text.match(/<i class="/g)).toHaveLength(900);
    const total = html.byteLength + css.byteLength + js.byteLength;
    console.log(`page weight: html ${html.byteLength} B, css ${css.byteLength} B, js ${js.byteLength} B, total ${total} B`);
    expect(total).toBeLessThan(60 * 1024);
  });

  it('pages the history: the newest 50 from the snapshot, then older ones from the database', async () => {
    const deps = { sql: () => db.sql, clock: clock.now, log: silentLog };
    const app = createApp({ ...deps, page: PageConfig.parse({}), adminToken: undefined, runTick: () => Promise.reject(new Error('unused')) });
    const first = await (await app.request('/history')).text();
    expect(first.match(/<article class="incident/g)).toHaveLength(50);
    const older = /<a href="(\/history\?before=[^"]+)">Older incidents<\/a>/.exec(first);
    expect(older).not.toBeNull();
    const second = await app.request(older![1]!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    const html = await second.text();
    // 60 seeded + the two X incidents: 12 older ones, the oldest of them the 2023 outage.
    expect(html.match(/<article class="incident/g)).toHaveLength(12);
    expect(html).toContain('Twitter: links, logins and images broken');
    expect(html).not.toContain('Older incidents');
    expect((await app.request('/history?before=not-a-date')).status).toBe(400);
  });

  it('folds groups with 1,000 monitors in 20 groups: the page stays under 150 KB as sent with brotli, each group a click away', async () => {
    const big = await createTestDb(dbTargets()[0]!.url, { history: false });
    try {
      const many = Array.from({ length: 1000 }, (_, i) => spec({ id: `b${i}`, name: `Monitor ${i}`, component: `Service ${Math.floor(i / 2)} ${i % 2 ? 'Website' : 'API'}`, group: `Region ${Math.floor(i / 50)}`, url: 'http://127.0.0.1:9/' }));
      await syncMonitors(big.sql, many, clock.now());
      await big.sql`update monitor_state set status = 'up', last_check_at = now(), last_verdict = 'up'`;
      await seedRollups(big.sql, many.map((s) => s.id), clock.now());
      const deps = { sql: () => big.sql, clock: clock.now, log: silentLog };
      const app = createApp({ ...deps, page: PageConfig.parse({}), adminToken: undefined, runTick: () => Promise.reject(new Error('unused')) });
      const res = await app.request('/', { headers: { 'accept-encoding': 'br' } });
      expect(res.headers.get('content-encoding')).toBe('br');
      const sent = (await res.arrayBuffer()).byteLength;
      const html = await (await app.request('/')).text();
      console.log(`1,000 monitors in 20 groups: ${html.length} B of HTML, ${sent} B as sent with br`);
      expect(sent).toBeLessThan(150 * 1024);
      expect(html.match(/<details class="fold">/g)).toHaveLength(20);
      expect(html.match(/<li class="comp">/g)).toHaveLength(1000); // compact rows inside the folds
      expect(html).not.toContain('<figure>'); // no charts on the folded page
      const link = /<a href="(\/groups\/[^"]+)">Region 3: 90-day bars and response times<\/a>/.exec(html);
      expect(link).not.toBeNull();
      const group = await app.request(link![1]!);
      expect(group.status).toBe(200);
      const groupHtml = await group.text();
      expect(groupHtml.match(/<li class="comp">/g)).toHaveLength(50);
      expect(groupHtml.match(/<figure>/g)?.length).toBeGreaterThan(0);
      expect((await app.request('/groups/no-such-group')).status).toBe(404);
    } finally {
      await big.drop();
    }
  }, 120_000);
});
