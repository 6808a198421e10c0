import { execFileSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { recordTick, type StateUpdate } from '../../src/db/tick-store.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';

const NOW = new Date('2026-03-10T15:20:00Z');
let db: TestDb;
const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: () => NOW, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('unused'); } });
const get = (path: string, init?: RequestInit) => app().request(path, init);

function check(id: string, minutesAgo: number, verdict: 'up' | 'down', latencyMs: number): StateUpdate {
  return {
    monitorId: id, state: { status: verdict, failStreak: 0, okStreak: 0 }, statusSince: null, firstFailureAt: null,
    check: { monitorId: id, at: new Date(NOW.getTime() - minutesAgo * 60_000), verdict, inMaintenance: false, latencyMs, statusCode: 200, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, errorClass: verdict === 'down' ? 'timeout' : null, error: null, attempts: 1, certExpiresAt: null },
  };
}

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', name: 'X app API', url: 'http://127.0.0.1:9/', component: 'App (API)', group: 'X' }), spec({ id: 'web', url: 'http://127.0.0.1:9/', component: 'Website', group: 'X' })], new Date('2026-01-01T00:00:00Z'));
  // api: 9 of 10 checks up in the last 24 h (120 ms each), the last one up; web: never checked.
  await recordTick(db.sql, 'loader', Array.from({ length: 9 }, (_, i) => check('api', 100 - i * 10, i === 3 ? 'down' : 'up', 120)));
  await db.sql`update monitor_state set lease_owner = 'loader' where monitor_id = 'api'`;
  await recordTick(db.sql, 'loader', [check('api', 1, 'up', 120)]);
  // One webhook endpoint: a delivered event after one failure, and one that gave up after 3 attempts.
  await db.sql`insert into alert_endpoints (id, name, kind, url) values ('ops-hook', 'Ops "hook"', 'webhook', 'http://127.0.0.1:9/hook')`;
  await db.sql`insert into alert_outbox (id, type, payload, created_at) values ('e1', 'incident.opened', '{}'::jsonb, now()), ('e2', 'incident.resolved', '{}'::jsonb, now())`;
  await db.sql`insert into alert_deliveries (event_id, endpoint_id, state, attempts, next_attempt_at) values ('e1', 'ops-hook', 'delivered', 2, now()), ('e2', 'ops-hook', 'failed', 3, now())`;
});
afterAll(() => db.drop());

describe('badges', () => {
  const xml = new XMLParser({ ignoreAttributes: false });

  it('draws SVG status, uptime and response-time badges for monitors and components', async () => {
    const cases: Array<[string, string[]]> = [
      ['/badges/monitors/api/status.svg', ['X app API', 'up']],
      ['/badges/monitors/api/uptime.svg?window=24h', ['uptime 24h', '90.00%']],
      ['/badges/monitors/api/response-time.svg', ['response time 24h', '120 ms']],
      ['/badges/monitors/web/status.svg', ['no data']],
      ['/badges/components/app-api/status.svg?style=for-the-badge', ['OPERATIONAL']],
      ['/badges/components/x/uptime.svg?window=90d&label=X%20<uptime>', ['X &lt;uptime&gt;', '90.00%']],
      ['/badges/components/website/response-time.svg?window=7d', ['no data']],
    ];
    for (const [path, texts] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(res.headers.get('etag')).toMatch(/^"/);
      expect(res.headers.get('cache-control')).toMatch(/max-age=60/);
      const svg = await res.text();
      expect(() => xml.parse(svg, true)).not.toThrow();
      expect(xml.parse(svg).svg).toBeDefined();
      for (const t of texts) expect(svg, path).toContain(t);
    }
  });

  it('serves shields.io endpoint JSON with only the keys shields accepts', async () => {
    const allowed = new Set(['schemaVersion', 'label', 'message', 'color', 'labelColor', 'isError', 'namedLogo', 'logoSvg', 'logoColor', 'logoWidth', 'logoPosition', 'style', 'cacheSeconds']);
    for (const path of ['/badges/monitors/api/status.json', '/badges/monitors/api/uptime.json?window=7d', '/badges/components/x/response-time.json']) {
      const body = (await (await get(path)).json()) as Record<string, unknown>;
      expect(body.schemaVersion).toBe(1);
      for (const k of ['label', 'message', 'color']) expect(typeof body[k], `${path} ${k}`).toBe('string');
      for (const k of Object.keys(body)) expect(allowed.has(k), `${path} has ${k}`).toBe(true);
    }
    expect(await (await get('/badges/monitors/api/uptime.json?window=24h')).json()).toEqual({ schemaVersion: 1, label: 'uptime 24h', message: '90.00%', color: 'orange', cacheSeconds: 60 });
  });

  it('rejects bad parameters and unknown subjects with problem+json', async () => {
    for (const [path, status] of [['/badges/monitors/api/uptime.svg?window=1y', 400], ['/badges/monitors/api/status.svg?style=fancy', 400], ['/badges/monitors/nope/status.svg', 404], ['/badges/monitors/api/latency.svg', 404], ['/badges/things/api/status.svg', 404]] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const body = (await (await get('/badges/monitors/api/uptime.svg?window=1y')).json()) as { errors: Array<{ field: string }> };
    expect(body.errors[0]!.field).toBe('window');
  });
});

describe('/metrics', () => {
  it('exposes monitors and delivery endpoints in the text format 0.0.4', async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('etag')).toMatch(/^"/);
    const text = await res.text();
    expect(text).toContain('lookout_monitor_up{monitor="api",component="app-api"} 1');
    expect(text).not.toContain('lookout_monitor_up{monitor="web"');
    expect(text).toContain('lookout_monitor_status{monitor="web",component="website",status="unknown"} 1');
    expect(text).toContain('lookout_monitor_checks_total{monitor="api",component="app-api"} 1');
    expect(text).toContain('lookout_monitor_last_latency_seconds{monitor="api",component="app-api"} 0.12');
    expect(text).toContain('lookout_monitor_response_time_seconds_bucket{monitor="api",component="app-api",le="0.1"} 0');
    expect(text).toContain('lookout_monitor_response_time_seconds_bucket{monitor="api",component="app-api",le="0.15"} 9');
    expect(text).toContain('lookout_monitor_response_time_seconds_count{monitor="api",component="app-api"} 9');
    expect(text).toContain('lookout_alert_delivery_failed_attempts_total{endpoint="ops-hook",kind="webhook"} 4');
    expect(text).toContain('lookout_alert_deliveries{endpoint="ops-hook",kind="webhook",state="failed"} 1');

    // The format's own rules: HELP then TYPE before samples, each family contiguous, counters end in _total,
    // histogram buckets cumulative up to +Inf = _count.
    const seen = new Set<string>();
    let current = '';
    let type = '';
    const lines = text.trimEnd().split('\n');
    for (const [i, line] of lines.entries()) {
      const help = /^# HELP (\S+) /.exec(line);
      if (help) {
        expect(seen.has(help[1]!), `family ${help[1]} repeated`).toBe(false);
        seen.add((current = help[1]!));
        expect(lines[i + 1]).toMatch(new RegExp(`^# TYPE ${current} (gauge|counter|histogram)$`));
        type = lines[i + 1]!.split(' ')[3]!;
        if (type === 'counter') expect(current).toMatch(/_total$/);
        continue;
      }
      if (line.startsWith('# TYPE')) continue;
      const name = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)![1]!;
      expect(type === 'histogram' ? name.replace(/_(bucket|sum|count)$/, '') : name, line).toBe(current);
    }
    const buckets = lines.filter((l) => l.startsWith('lookout_monitor_response_time_seconds_bucket{monitor="api"')).map((l) => Number(l.split(' ')[1]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(lines.some((l) => l.includes('le="+Inf"} 9'))).toBe(true);
  });

  it('passes promtool check metrics (required in CI)', async () => {
    const promtool = process.env.PROMTOOL;
    if (!promtool) {
      // Outside CI the binary may be absent; in CI .ci/run extracts it and exports PROMTOOL, so this must not pass silently.
      expect(process.env.CI, 'PROMTOOL must be set in CI (.ci/run extracts it from the Debian package)').not.toBe('1');
      return;
    }
    const text = await (await get('/metrics')).text();
    let output = '';
    try {
      output = execFileSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`promtool check metrics failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    expect(output).toBe('');
  });
});
