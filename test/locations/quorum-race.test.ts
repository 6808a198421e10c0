// The interval's quorum verdict is judged again inside its recording transaction: a location's report that moved the
// monitor between the tick's judgement and its recording (the live quorum) is kept, never overwritten by the older one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSpecsOf } from '../../src/config/locations.js';
import { parseConfig } from '../../src/config/parse.js';
import type { Verdict } from '../../src/core/statuses.js';
import { syncLocations } from '../../src/db/location-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { claimDueMonitors, type StateUpdate } from '../../src/db/tick-store.js';
import { silentLog } from '../../src/log.js';
import { recordLocationRound } from '../../src/scheduler/location-round.js';
import { evaluateClaimed, recordOutcomes } from '../../src/scheduler/steps.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { tickDeps } from '../helpers/tick.js';

const real = dbTargets().find((t) => t.name === 'real')!;
const T0 = new Date('2026-03-10T16:00:00Z');
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb(real.url, { history: false });
});
afterAll(async () => db.drop());

const report = (verdict: Verdict, at: Date): StateUpdate => ({
  monitorId: 'api', state: { status: verdict, failStreak: verdict === 'down' ? 2 : 0, okStreak: verdict === 'down' ? 0 : 2 }, statusSince: null, firstFailureAt: verdict === 'down' ? at : null,
  check: { monitorId: 'api', at, verdict, inMaintenance: false, latencyMs: 10, statusCode: verdict === 'down' ? 503 : 200, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, errorClass: verdict === 'down' ? 'http_status' : null, error: null, attempts: 1, certExpiresAt: null, slot: at },
});

describe('quorum verdict and a report racing it', () => {
  it('the report that lands between judging and recording wins', async () => {
    const config = parseConfig({ locations: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }], monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'http://127.0.0.1:9/' }] }, 't');
    const specs = monitorSpecsOf(config);
    await syncMonitors(db.sql, specs, T0);
    await syncLocations(db.sql, config.locations!, specs, T0);
    const now = new Date(T0.getTime() + 5000);
    const deps = { sql: db.sql, clock: () => now, log: silentLog, newId: (p: string) => `${p}_${Math.random()}` };
    await recordLocationRound(deps, 'a', [report('down', now)], null, now);
    await recordLocationRound(deps, 'b', [report('up', now)], null, now);
    await recordLocationRound(deps, 'c', [report('up', now)], null, now);
    const t = tickDeps(db.sql, () => now);
    const claimed = await claimDueMonitors(db.sql, t.owner, now, { limit: 10, concurrency: 1 });
    const judged = await evaluateClaimed(t, claimed, now);
    expect(judged[0]!.update.state.status).toBe('degraded'); // one of three down, as judged
    await recordLocationRound(deps, 'b', [report('down', new Date(now.getTime() + 1))], null, now); // … then B confirms down
    expect((await db.sql`select status from monitor_state`)[0]).toEqual({ status: 'down' });
    const { transitions } = await recordOutcomes(t, judged, now);
    expect((await db.sql`select status from monitor_state`)[0]).toEqual({ status: 'down' });
    expect(await db.sql`select verdict from checks where location = 'quorum'`).toEqual([{ verdict: 'down' }]);
    expect(transitions).toEqual([]); // the live quorum had already moved it
  });
});
