// The page digests (src/db/page-digests.ts) are a cache of closed periods: whatever state they are in, the
// snapshot built with them must equal the snapshot built from the rollups alone. Checks go in through recordTick,
// the tick's own write path, in batches that cross hour and day boundaries; then late checks and old digests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart, hourStart } from '../../src/core/time.js';
import type { Verdict } from '../../src/core/types.js';
import { DIGEST_SPAN, refreshPageDigests } from '../../src/db/page-digests.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { recordTick, type StateUpdate } from '../../src/db/tick-store.js';
import { buildSnapshot, snapshotWindows } from '../../src/snapshot/build.js';
import { dayLevels } from '../../src/snapshot/day-bars.js';
import type { StatusSnapshot } from '../../src/snapshot/types.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';

const NOW = new Date('2026-03-10T15:20:00Z');
const STEP = 37 * 60_000;
const DAYS = 95;

function update(monitorId: string, at: Date, verdict: Verdict, latencyMs: number, inMaintenance = false): StateUpdate {
  return {
    monitorId, state: { status: verdict, failStreak: 0, okStreak: 0 }, statusSince: null, firstFailureAt: null,
    check: {
      monitorId, at, verdict, inMaintenance, latencyMs, statusCode: verdict === 'down' ? 503 : 200, dnsMs: 1, connectMs: 2, tlsMs: null,
      firstByteMs: latencyMs - 3, errorClass: verdict === 'down' ? 'http_status' : null, error: null, attempts: 1, certExpiresAt: null,
    },
  };
}

/** Checks every 37 minutes for 95 days: a deterministic mix of up, degraded and down, some in maintenance. */
function history(ids: string[]): StateUpdate[] {
  const out: StateUpdate[] = [];
  let n = 0;
  for (let t = NOW.getTime() - DAYS * 86400_000; t <= NOW.getTime(); t += STEP) {
    for (const id of ids) {
      n++;
      if (id === 'c' && t > NOW.getTime() - 3 * 86400_000 && t < NOW.getTime() - 86400_000) continue; // a gap
      const verdict: Verdict = n % 13 === 0 ? 'down' : n % 7 === 0 ? 'degraded' : 'up';
      out.push(update(id, new Date(t), verdict, 20 + ((n * 97) % 900), n % 50 === 0));
    }
  }
  return out;
}

/** The snapshot as the page sees it, and the same read with every digest gone (rollups only). */
async function withAndWithoutDigests(db: TestDb): Promise<[StatusSnapshot, StatusSnapshot]> {
  const withDigests = await buildSnapshot(db.sql, NOW);
  const saved = await db.sql`select * from page_digests`;
  await db.sql`delete from page_digests`;
  const rollupsOnly = await buildSnapshot(db.sql, NOW);
  if (saved.length) await db.sql`insert into page_digests ${db.sql(saved as any)}`;
  return [withDigests, rollupsOnly];
}

it('the digests cover every window the page reads', () => {
  for (const now of [NOW, new Date('2026-01-01T00:00:00Z'), new Date('2026-06-30T23:59:59.999Z')]) {
    const w = snapshotWindows(now);
    expect(w.daysSince.getTime()).toBeGreaterThanOrEqual(dayStart(now).getTime() - DIGEST_SPAN.days);
    expect(w.histSince.getTime()).toBeGreaterThanOrEqual(dayStart(now).getTime() - DIGEST_SPAN.histDays);
    expect(w.hoursSince.getTime()).toBeGreaterThanOrEqual(hourStart(now).getTime() - DIGEST_SPAN.hours);
  }
});

describe.each(dbTargets())('page digests on the $name server', ({ url }) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await createTestDb(url);
    await syncMonitors(db.sql, [
      spec({ id: 'a', url: 'http://127.0.0.1:9/', component: 'App (API)' }),
      spec({ id: 'b', url: 'http://127.0.0.1:9/', component: 'App (API)' }),
      spec({ id: 'c', url: 'http://127.0.0.1:9/', component: 'Website' }),
    ], new Date('2025-11-01T00:00:00Z'));
    const all = history(['a', 'b', 'c']);
    for (let i = 0; i < all.length; i += 90) await recordTick(db.sql, 'loader', all.slice(i, i + 90));
  });
  afterAll(() => db.drop());

  it('the tick keeps a daily and an hourly digest per monitor, up to the current day and hour', async () => {
    const last = history(['a']).at(-1)!.check.at;
    const rows = await db.sql<{ monitor_id: string; kind: string; through: Date; body: string }[]>`select * from page_digests order by monitor_id, kind`;
    expect(rows.map((r) => [r.monitor_id, r.kind, r.through.toISOString()])).toEqual(['a', 'b', 'c'].flatMap((id) => [
      [id, 'd', dayStart(last).toISOString()],
      [id, 'h', hourStart(last).toISOString()],
    ]));
    // 90 closed days in the daily digest, hourly rows only for the closed hours of the last 24.
    // One part per monitor: its id, then a row per period.
    const [id, ...days] = rows.find((r) => r.monitor_id === 'a' && r.kind === 'd')!.body.split(';');
    expect(id).toBe('a');
    expect(days).toHaveLength(90);
    expect(rows.find((r) => r.monitor_id === 'a' && r.kind === 'h')!.body.split(';').length).toBeGreaterThan(21);
  });

  it('the page built from digests equals the page built from rollups alone', async () => {
    const [withDigests, rollupsOnly] = await withAndWithoutDigests(db);
    expect(withDigests.components.map((c) => dayLevels(c.days).filter((l) => l !== 'no_data').length)).toEqual([90, 89]); // c has a day-long gap
    expect(withDigests.components[0]!.latency24h.p50.every((v) => v !== null)).toBe(true);
    expect(withDigests).toEqual(rollupsOnly);
  });

  it('a late check for a closed day rewrites that digest', async () => {
    const before = await db.sql<{ body: string }[]>`select body from page_digests where monitor_id = 'a' and kind = 'd'`;
    const yesterdayNoon = new Date(dayStart(NOW).getTime() - 12 * 3600_000);
    await recordTick(db.sql, 'late', [update('a', yesterdayNoon, 'down', 300)]);
    const after = await db.sql<{ body: string }[]>`select body from page_digests where monitor_id = 'a' and kind = 'd'`;
    expect(after[0]!.body).not.toBe(before[0]!.body);
    const [withDigests, rollupsOnly] = await withAndWithoutDigests(db);
    expect(withDigests).toEqual(rollupsOnly);
  });

  it('digests ending days or hours ago are topped up from the rollups; ones older than the window are ignored', async () => {
    const old = new Map([['a', new Date(0)], ['b', new Date(0)]]);
    await db.sql.begin((tx) => refreshPageDigests(tx, old, { day: new Date(dayStart(NOW).getTime() - 3 * 86400_000), hour: new Date(hourStart(NOW).getTime() - 5 * 3600_000) }));
    await db.sql.begin((tx) => refreshPageDigests(tx, new Map([['c', new Date(0)]]), { day: new Date('2025-10-01T00:00:00Z'), hour: new Date('2025-10-01T00:00:00Z') }));
    const throughs = await db.sql<{ monitor_id: string; through: Date }[]>`select monitor_id, through from page_digests where kind = 'd' order by monitor_id`;
    expect(throughs.map((r) => r.through.getTime())).toEqual([dayStart(NOW).getTime() - 3 * 86400_000, dayStart(NOW).getTime() - 3 * 86400_000, Date.UTC(2025, 9, 1)]);
    const [withDigests, rollupsOnly] = await withAndWithoutDigests(db);
    expect(withDigests).toEqual(rollupsOnly);
  });

  it('the next tick brings old digests back up to date', async () => {
    await recordTick(db.sql, 'loader', ['a', 'b', 'c'].map((id) => update(id, new Date(NOW.getTime() - 60_000), 'up', 50)));
    const throughs = await db.sql<{ kind: string; through: Date }[]>`select kind, through from page_digests`;
    expect(throughs.every((r) => r.through.getTime() === (r.kind === 'd' ? dayStart(NOW) : hourStart(NOW)).getTime())).toBe(true);
    const [withDigests, rollupsOnly] = await withAndWithoutDigests(db);
    expect(withDigests).toEqual(rollupsOnly);
  });
});
