// Acceptance: uptime from the API (rollups only) equals a direct count over the raw checks, with no-data gaps
// and maintenance, on both servers. Checks go in through recordTick, the tick's own write path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import type { Verdict } from '../../src/core/types.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { recordTick, type StateUpdate } from '../../src/db/tick-store.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';

const NOW = new Date('2026-03-10T15:20:00Z');
const STEP = 37 * 60_000; // not a divisor of an hour: checks fall at every minute offset
const DAYS = 100;

/** A deterministic pseudo-random sequence (mulberry32), so the data is the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks for monitor `id`: some down, some degraded, a maintenance window, and gaps with no data at all. */
function makeChecks(id: string, seed: number, gaps: Array<[Date, Date]>, maintenance: Array<[Date, Date]>): StateUpdate[] {
  const rand = rng(seed);
  const out: StateUpdate[] = [];
  for (let t = NOW.getTime() - DAYS * 86400_000; t <= NOW.getTime(); t += STEP) {
    const at = new Date(t);
    if (gaps.some(([a, b]) => at >= a && at < b)) continue;
    const r = rand();
    const verdict: Verdict = r < 0.12 ? 'down' : r < 0.2 ? 'degraded' : 'up';
    const inMaintenance = maintenance.some(([a, b]) => at >= a && at < b);
    const latencyMs = Math.round(20 + rand() * 900);
    out.push({
      monitorId: id, state: { status: verdict, failStreak: 0, okStreak: 0 }, statusSince: null, firstFailureAt: null,
      check: {
        monitorId: id, at, verdict, inMaintenance, latencyMs, statusCode: verdict === 'down' ? 503 : 200, dnsMs: 1, connectMs: 2, tlsMs: null,
        firstByteMs: latencyMs - 3, errorClass: verdict === 'down' ? 'http_status' : null, error: null, attempts: 1, certExpiresAt: null,
      },
    });
  }
  return out;
}

const d = (s: string) => new Date(s);

describe.each(dbTargets())('uptime from rollups equals raw checks on the $name server', ({ url }) => {
  let db: TestDb;
  const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: () => NOW, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('unused'); } });
  const getJson = async (path: string) => {
    const res = await app().request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as any;
  };

  /** The rule, applied directly to raw checks: up+degraded ÷ all, maintenance excluded, nothing = null. */
  async function rawUptime(ids: string[], from: string, to: string) {
    const [r] = await db.sql<{ ok: number; counted: number; maint: number }[]>`
      select count(*) filter (where verdict <> 'down' and not in_maintenance)::int as ok, count(*) filter (where not in_maintenance)::int as counted,
        count(*) filter (where in_maintenance)::int as maint
      from checks where monitor_id = any(${ids}::text[]) and at >= ${from}::timestamptz and at < ${to}::timestamptz`;
    return { uptime: r!.counted ? r!.ok / r!.counted : null, counted: r!.counted, maintenance: r!.maint };
  }

  beforeAll(async () => {
    db = await createTestDb(url);
    await syncMonitors(db.sql, [spec({ id: 'a', url: 'http://127.0.0.1:9/', component: 'App (API)' }), spec({ id: 'b', url: 'http://127.0.0.1:9/', component: 'App (API)' })], d('2025-11-01T00:00:00Z'));
    const a = makeChecks('a', 1, [[d('2026-01-20T05:00:00Z'), d('2026-01-26T13:30:00Z')], [d('2026-03-10T09:10:00Z'), d('2026-03-10T11:00:00Z')]], [[d('2026-02-14T22:00:00Z'), d('2026-02-15T04:30:00Z')]]);
    // b: no data for the last 30 hours (its 24 h uptime is "no data"), and a maintenance window yesterday.
    const b = makeChecks('b', 2, [[d('2026-03-09T09:20:00Z'), d('2026-03-11T00:00:00Z')]], [[d('2026-03-08T10:00:00Z'), d('2026-03-08T12:00:00Z')]]);
    const all = [...a, ...b].sort((x, y) => x.check.at.getTime() - y.check.at.getTime());
    for (let i = 0; i < all.length; i += 400) await recordTick(db.sql, 'loader', all.slice(i, i + 400));
  });
  afterAll(() => db.drop());

  it('named windows, per monitor and per component', async () => {
    for (const window of ['24h', '7d', '30d', '90d']) {
      for (const id of ['a', 'b']) {
        const api = await getJson(`/api/v1/monitors/${id}/uptime?window=${window}`);
        const raw = await rawUptime([id], api.from, api.to);
        expect(api.uptime, `${id} ${window}`).toBe(raw.uptime);
        expect(api.counts.up + api.counts.degraded + api.counts.down).toBe(raw.counted);
        expect(api.counts.maintenance).toBe(raw.maintenance);
      }
      const comp = await getJson(`/api/v1/components/app-api/uptime?window=${window}`);
      expect(comp.uptime, `component ${window}`).toBe((await rawUptime(['a', 'b'], comp.from, comp.to)).uptime);
    }
    expect((await getJson('/api/v1/monitors/b/uptime?window=24h')).uptime).toBeNull();
  });

  it('any from/to range, including one inside a gap and one across a maintenance window', async () => {
    const ranges = [
      ['2026-02-03T07:45:00Z', '2026-02-20T11:10:00Z'],
      ['2026-01-21T00:00:00Z', '2026-01-25T00:00:00Z'], // inside a's gap: no data
      ['2026-02-14T20:30:00Z', '2026-02-15T06:00:00Z'],
      ['2025-12-01T00:00:00Z', '2026-03-10T15:20:00Z'],
    ];
    for (const [from, to] of ranges) {
      const api = await getJson(`/api/v1/monitors/a/uptime?from=${from}&to=${to}`);
      expect(api.from <= new Date(from!).toISOString() && api.to >= new Date(to!).toISOString()).toBe(true);
      const raw = await rawUptime(['a'], api.from, api.to);
      expect(api.uptime, `${from}..${to}`).toBe(raw.uptime);
    }
    expect((await getJson('/api/v1/monitors/a/uptime?from=2026-01-21T00:00:00Z&to=2026-01-25T00:00:00Z')).uptime).toBeNull();
  });

  it('the monitor list, the all-monitors endpoint and the daily series agree with the raw checks', async () => {
    const list = await getJson('/api/v1/monitors');
    const all = await getJson('/api/v1/uptime?window=90d');
    for (const m of list.monitors) {
      for (const w of ['24h', '7d', '30d', '90d']) {
        const span = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 }[w]! * 86400_000;
        // 24 h is hour-precise; longer windows start at the UTC midnight before (whole days from daily rollups).
        const unit = w === '24h' ? 3600_000 : 86400_000;
        const from = new Date(Math.floor((NOW.getTime() - span) / unit) * unit).toISOString();
        const to = new Date(Math.ceil(NOW.getTime() / 3600_000) * 3600_000).toISOString();
        expect(m.uptime[w], `${m.id} ${w}`).toBe((await rawUptime([m.id], from, to)).uptime);
      }
      expect(all.monitors.find((x: any) => x.id === m.id).uptime).toBe(m.uptime['90d']);
    }
    const series = await getJson('/api/v1/monitors/a/daily?days=90');
    expect(series.days).toHaveLength(90);
    expect(series.days.at(-1).date).toBe('2026-03-10');
    for (const day of series.days) {
      const next = new Date(Date.parse(day.date) + 86400_000).toISOString();
      expect(day.uptime, day.date).toBe((await rawUptime(['a'], `${day.date}T00:00:00Z`, next)).uptime);
    }
    expect(series.days.find((x: any) => x.date === '2026-01-23').uptime).toBeNull();
  });
});
