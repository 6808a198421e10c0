// The README's screenshots (docs/status-page.png at 1280 px, docs/status-page-phone.png at 375 px), taken from the
// real app in Debian's Chromium with a realistic state: the X history, 90 days of seeded rollups, and an ongoing
// automatic incident on "App (API)" opened by real ticks against a local server that answers 503.
// Run with `npm run screenshots:readme` (needs Postgres on 127.0.0.1:5432, like the storage tests).
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { wireAlerting } from '../helpers/alerting.js';
import { launchChromium, serveApp, type ServedApp } from '../helpers/browser.js';
import { createTestDb } from '../helpers/databases.js';
import { seedRollups } from '../helpers/page-data.js';
import { startServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { runTick } from '../helpers/tick.js';

const db = await createTestDb(process.env.LOOKOUT_TEST_REAL_PG ?? 'postgres://postgres@127.0.0.1:5432/test');
// The website answers; the API's health endpoint fails with 503, as an overloaded backend would.
const target = await startServer((req, res) => {
  if (!req.url?.startsWith('/api')) return void res.end('ok');
  res.statusCode = 503;
  res.end('upstream connect error');
});
let served: ServedApp | undefined;
try {
  // Ticks run on a clock that walks up to now, a minute at a time, so the incident started a few minutes ago.
  let t = Date.now() - 12 * 60_000;
  const clock = () => new Date(t);
  await syncMonitors(db.sql, [
    spec({ id: 'x-app-api', name: 'X app API', url: `${target.url}/api/health`, component: 'App (API)', group: 'X', interval: 60, expectedStatus: [200] }),
    spec({ id: 'x-website', name: 'X website', url: `${target.url}/`, component: 'Website', group: 'X', interval: 60 }),
  ], clock());
  await seedRollups(db.sql, ['x-app-api', 'x-website'], new Date(t));
  // Alerting as configured in production (no endpoints needed): it is what opens the automatic incident.
  const { tick } = await wireAlerting(db.sql, clock, [], { impact: { 'App (API)': 'major' } });
  for (; t <= Date.now(); t += 60_000) await tick();
  const open = await db.sql<{ title: string }[]>`select title from incidents where origin = 'auto' and resolved_at is null`;
  const [body] = await db.sql<{ body: string }[]>`select u.body from incident_updates u join incidents i on i.id = u.incident_id where i.origin = 'auto'`;
  if (open.length !== 1) throw new Error(`expected one open automatic incident, found ${open.length}`);
  console.log(`open automatic incident: ${open[0]!.title} — ${body?.body}`);

  const page = PageConfig.parse({
    title: 'X status', description: 'Is X (formerly Twitter) up? Live checks of the app API and the website, with outage history.',
    timeZone: 'America/New_York', links: [{ label: 'X Help Center', url: 'https://help.x.com' }],
  });
  const deps = { sql: () => db.sql, clock: () => new Date(), log: silentLog };
  const app = createApp({ ...deps, page, adminToken: undefined, runTick: () => runTick(db.sql, deps.clock), staticFiles: nodeStaticFiles() });
  served = await serveApp(app.fetch);
  const base = served.base;
  const browser = await launchChromium();
  const context = browser.context;
  try {
    for (const [width, file] of [[1280, 'docs/status-page.png'], [375, 'docs/status-page-phone.png']] as const) {
      const tab = await context.newPage();
      await tab.setViewportSize({ width, height: 900 });
      await tab.emulateMedia({ colorScheme: 'light' });
      await tab.goto(`${base}/`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      await tab.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  await served?.close();
  await target.close();
  await db.drop();
}
