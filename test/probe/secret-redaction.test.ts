// Issue 18, acceptance 5: a monitor sends a secret header ({ "env": NAME }) to a real local service that echoes
// the request's headers, and a JSON assertion on the echo fails. The secret appears in no API output (public or
// admin), no page or feed, no webhook payload, no log line and no stored row; the reason still says which assertion
// failed. A second monitor's assertion quotes the secret itself ("anything equal to them"): redacted too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertingDeps, syncAlertEndpoints } from '../../src/alerts/create.js';
import { generateWebhookSecret } from '../../src/alerts/sign.js';
import { AlertsConfig, PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { jsonLog } from '../../src/log.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const SECRET = 'sk_live_9f8e7d6c5b4a"quoted"-token';
const KEY = 'key-3141592653589793';
const TOKEN = 'admin-token-for-tests-0123';
const env: Record<string, string> = { ECHO_TOKEN: SECRET, ECHO_KEY: KEY, HOOK_SECRET: generateWebhookSecret() };

let db: TestDb;
let echo: LocalServer;
let receiver: Receiver;
beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  // Reflects every request header back as JSON, the way debugging endpoints (httpbin /headers) do.
  echo = await startServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ headers: req.headers })));
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await echo.close();
  await db.drop();
});

describe('secrets never in failure reasons', () => {
  it('an echoed secret header reaches no output, webhook, log line or row', async () => {
    const clock = fakeClock(new Date());
    await syncMonitors(db.sql, [
      spec({ id: 'echo', url: `${echo.url}/headers`, headers: { authorization: { env: 'ECHO_TOKEN' } }, assertions: [{ type: 'jsonPathEquals', path: '$.headers.authorization', value: 'Bearer expected' }] }),
      spec({ id: 'quote', url: `${echo.url}/headers`, component: 'Website', headers: { 'x-api-key': { env: 'ECHO_KEY' } }, assertions: [{ type: 'bodyNotContains', value: KEY }] }),
    ], clock.now());
    const config = AlertsConfig.parse({ endpoints: [{ id: 'hook', kind: 'webhook', url: `${receiver.url}/hook`, secret: { env: 'HOOK_SECRET' } }], resolveAfter: 0 });
    await syncAlertEndpoints(db.sql, config, clock.now());
    const lines: string[] = [];
    const log = jsonLog((l) => lines.push(l));
    const alerting = createAlertingDeps({ sql: db.sql, config, clock: clock.now, log, env: (n) => env[n] });
    const probe = createNodeProbe({ env: (n) => env[n] });

    const report = await runTick(db.sql, clock.now, { probe, log, ...alerting });
    expect(report.transitions.map((t) => t.to)).toEqual(['down', 'down']);
    expect(echo.hits).toBeGreaterThanOrEqual(2);
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);

    // The reason says which assertion failed, and nothing the response carried.
    const [echoCheck] = await db.sql<{ error: string }[]>`select error from checks where monitor_id = 'echo' order by id desc limit 1`;
    expect(echoCheck!.error).toBe('$.headers.authorization is not "Bearer expected" (got a string)');
    const [quoteCheck] = await db.sql<{ error: string }[]>`select error from checks where monitor_id = 'quote' order by id desc limit 1`;
    expect(quoteCheck!.error).toBe('body contains "[redacted]"');

    const site = createStatusSite({ page: PageConfig.parse({}), clock: clock.now, log });
    await site.refresh(() => readStatusData(db.sql, clock.now()));
    const app = createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log, adminToken: TOKEN, runTick: async () => report, site });
    const outputs: Record<string, string> = {};
    for (const path of [
      '/', '/history', '/history.atom', '/history.rss', '/api/v2/summary.json', '/api/v2/status.json', '/api/v2/components.json', '/api/v2/incidents.json',
      '/api/v2/incidents/unresolved.json', '/api/v1/monitors', '/api/v1/monitors/echo', '/api/v1/monitors/echo/checks', '/api/v1/monitors/quote/checks',
      '/api/v1/components', '/api/v1/incidents', '/metrics', '/api/v1/admin/incidents', '/api/v1/admin/deliveries',
    ]) {
      const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status, path).toBe(200);
      outputs[path] = await res.text();
    }
    expect(outputs['/api/v1/monitors/echo/checks']).toContain('$.headers.authorization is not');
    const dump = [];
    for (const t of ['checks', 'monitor_state', 'incidents', 'incident_updates', 'alert_outbox', 'alert_deliveries']) {
      dump.push(await db.sql.unsafe(`select coalesce(json_agg(x), '[]')::text as rows from ${t} x`));
    }
    const everything = { outputs, webhooks: receiver.received.map((r) => r.body), lines, rows: JSON.stringify(dump) };
    for (const secret of [SECRET, JSON.stringify(SECRET).slice(1, -1), KEY]) {
      for (const [where, text] of Object.entries(outputs)) expect(text.includes(secret), `${where} carries the secret`).toBe(false);
      for (const body of everything.webhooks) expect(body.includes(secret), 'a webhook carries the secret').toBe(false);
      for (const line of lines) expect(line.includes(secret), `log line: ${line.slice(0, 200)}`).toBe(false);
      expect(everything.rows.includes(secret), 'a stored row carries the secret').toBe(false);
    }
    expect(lines.some((l) => l.includes('monitor status changed'))).toBe(true);
  });
});
