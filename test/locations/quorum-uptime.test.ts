// Acceptance 5: with three locations, uptime (from the rollups, as the API reads it) equals a direct count of the
// per-interval quorum verdicts — with gaps where nobody reported and a location offline for a while. Reports go in
// through the agents' recording path, verdicts through the tick's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSpecsOf } from '../../src/config/locations.js';
import { parseConfig } from '../../src/config/parse.js';
import { evaluateQuorum, type LocationVote } from '../../src/core/quorum.js';
import type { Verdict } from '../../src/core/statuses.js';
import { uptimeOf } from '../../src/core/uptime.js';
import { syncLocations } from '../../src/db/location-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import type { StateUpdate } from '../../src/db/tick-store.js';
import { countWindows } from '../../src/db/uptime-queries.js';
import { silentLog } from '../../src/log.js';
import type { Probe } from '../../src/probe/types.js';
import { recordLocationRound } from '../../src/scheduler/location-round.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { runTick } from '../helpers/tick.js';

const T0 = new Date('2026-03-10T15:00:00Z');
const INTERVAL = 60;
const N = 60;
const LOCATIONS = ['a', 'b', 'c'] as const;
const at = (k: number, offsetS = 0) => new Date(T0.getTime() + (k * INTERVAL + offsetS) * 1000);

/** A deterministic pseudo-random sequence (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Interval k's report of each location (its confirmed status), or none: c is offline for 20–35, nobody reports in 40–44. */
function knownReports(): Array<Partial<Record<(typeof LOCATIONS)[number], Verdict>>> {
  const rand = rng(13);
  return Array.from({ length: N }, (_, k) => {
    const row: Partial<Record<(typeof LOCATIONS)[number], Verdict>> = {};
    for (const l of LOCATIONS) {
      const r = rand();
      if (k >= 40 && k < 45) continue;
      if (l === 'c' && k >= 20 && k < 36) continue;
      if (r < 0.05) continue; // a lost report now and then
      row[l] = r < 0.35 ? 'down' : r < 0.45 ? 'degraded' : 'up';
    }
    return row;
  });
}

function report(monitorId: string, verdict: Verdict, k: number): StateUpdate {
  return {
    monitorId, state: { status: verdict, failStreak: verdict === 'down' ? 2 : 0, okStreak: verdict === 'down' ? 0 : 2 }, statusSince: null,
    firstFailureAt: verdict === 'down' ? at(k, -10) : null,
    check: {
      monitorId, at: at(k, -10), verdict, inMaintenance: false, latencyMs: 100 + k, statusCode: verdict === 'down' ? 503 : 200, dnsMs: null, connectMs: null,
      tlsMs: null, firstByteMs: null, errorClass: verdict === 'down' ? 'http_status' : null, error: null, attempts: 1, certExpiresAt: null, slot: at(k, -10),
    },
  };
}

const real = dbTargets().find((t) => t.name === 'real')!;

describe('uptime with three locations is one quorum verdict per interval', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(real.url, { history: false });
  });
  afterAll(async () => db.drop());

  it('equals a direct count of the verdicts, with gaps and an offline location; replayed reports count once', async () => {
    const config = parseConfig({
      locations: LOCATIONS.map((id) => ({ id, name: `Location ${id.toUpperCase()}` })),
      monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'http://127.0.0.1:9/', interval: INTERVAL }],
    }, 'test');
    const specs = monitorSpecsOf(config);
    await syncMonitors(db.sql, specs, T0);
    await syncLocations(db.sql, config.locations!, specs, T0);
    let now = T0;
    const clock = () => now;
    // A located monitor is judged, never probed by the scheduler: a probe call fails the test.
    const probe: Probe = async () => {
      throw new Error('the scheduler probed a located monitor');
    };
    const deps = { sql: db.sql, clock, log: silentLog, newId: (p: string) => `${p}_${Math.random()}` };
    const rows = knownReports();
    const latest = new Map<string, { status: Verdict; at: Date }>();
    const expected = { up: 0, degraded: 0, down: 0, maintenance: 0 };
    for (let k = 0; k < N; k++) {
      now = at(k, -10);
      for (const l of LOCATIONS) {
        const v = rows[k]![l];
        if (!v) continue;
        const batch = [report('api', v, k)];
        await recordLocationRound(deps, l, batch, null, now);
        if (k % 7 === 0) await recordLocationRound(deps, l, batch, null, now); // a replay records nothing
        latest.set(l, { status: v, at: now });
      }
      now = at(k);
      const tick = await runTick(db.sql, clock, { probe });
      expect(tick.error).toBeUndefined();
      expect(tick.claimed).toBe(1);
      // The direct count: the quorum rule over each location's latest report as it stood at this interval.
      const votes: LocationVote[] = LOCATIONS.map((l) => ({ location: l, name: l, status: latest.get(l)?.status ?? 'unknown', lastReportAt: latest.get(l)?.at ?? null, impaired: false }));
      const verdict = evaluateQuorum(votes, 2, INTERVAL, now);
      if (verdict.status !== 'nodata') expected[verdict.status]++;
    }
    expect(expected.up + expected.degraded + expected.down).toBeGreaterThan(40);
    expect(expected.down).toBeGreaterThan(3);
    const windows = await countWindows(db.sql, ['api'], [{ key: 'w', from: at(-1), to: at(N + 1) }]);
    const counts = windows.get('api')!.get('w')!;
    expect({ up: counts.up, degraded: counts.degraded, down: counts.down }).toEqual({ up: expected.up, degraded: expected.degraded, down: expected.down });
    expect(uptimeOf(counts)).toBe(uptimeOf(expected));
    // One quorum check per interval with data; the locations' own checks beside them, each report once.
    const [quorumRows] = await db.sql<{ n: number }[]>`select count(*)::int as n from checks where location = 'quorum'`;
    expect(quorumRows!.n).toBe(expected.up + expected.degraded + expected.down);
    const reports = rows.reduce((n, r) => n + Object.keys(r).length, 0);
    const [locationRows] = await db.sql<{ n: number }[]>`select count(*)::int as n from checks where location in ('a', 'b', 'c')`;
    expect(locationRows!.n).toBe(reports);
    const [perLocation] = await db.sql<{ n: number }[]>`select sum(up + degraded + down)::int as n from rollups_location_hourly`;
    expect(perLocation!.n).toBe(reports);
  });
});
