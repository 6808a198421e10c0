// Acceptance 4 of issue 13, inside workerd: scheduled() hands each location's due monitors to its Durable Object
// (created with the location's hint, which miniflare ignores), records what the objects probed with the agents'
// rules, and the tick records the quorum's verdict. Locality itself cannot be tested here; dispatch, idempotency
// and the quorum can.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const config = {
  page: { title: 'Workers locations' },
  locations: [
    { id: 'us-west', name: 'US West', locationHint: 'wnam' },
    { id: 'us-east', name: 'US East', locationHint: 'enam' },
    { id: 'eu-west', name: 'EU West', locationHint: 'weur' },
  ],
  monitors: [
    { id: 'two-fail', name: 'Two fail', component: 'App (API)', url: `${target}/by-location?fail=us-west,us-east`, failuresBeforeDown: 1, retryDelay: 0 },
    { id: 'one-fails', name: 'One fails', component: 'Website', url: `${target}/by-location?fail=eu-west`, failuresBeforeDown: 1, retryDelay: 0 },
  ],
};
let db: WorkersTestDb;
let testEnv: WorkerEnv;
beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config) };
});
afterAll(async () => {
  await db.drop();
});

async function runScheduled(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
}

type CheckRow = { monitor_id: string; location: string; verdict: string; status_code: number | null };
const checks = () => db.sql<CheckRow[]>`select monitor_id, location, verdict, status_code from checks order by monitor_id, location`;

describe('Workers locations (Durable Objects)', () => {
  it('the cron dispatches to each location\'s object, records its probes, and the quorum decides', async () => {
    await runScheduled();
    expect(await checks()).toEqual([
      { monitor_id: 'one-fails', location: 'eu-west', verdict: 'down', status_code: 503 },
      { monitor_id: 'one-fails', location: 'quorum', verdict: 'degraded', status_code: 503 },
      { monitor_id: 'one-fails', location: 'us-east', verdict: 'up', status_code: 200 },
      { monitor_id: 'one-fails', location: 'us-west', verdict: 'up', status_code: 200 },
      { monitor_id: 'two-fail', location: 'eu-west', verdict: 'up', status_code: 200 },
      { monitor_id: 'two-fail', location: 'quorum', verdict: 'down', status_code: 503 },
      { monitor_id: 'two-fail', location: 'us-east', verdict: 'down', status_code: 503 },
      { monitor_id: 'two-fail', location: 'us-west', verdict: 'down', status_code: 503 },
    ]);
    const states = await db.sql<{ monitor_id: string; status: string; last_error: string | null }[]>`select monitor_id, status, last_error from monitor_state order by monitor_id`;
    expect(states[0]).toEqual({ monitor_id: 'one-fails', status: 'degraded', last_error: 'down from 1 of 3 locations' });
    expect(states[1]!.status).toBe('down');
    expect(states[1]!.last_error).toMatch(/^down from US West and US East, up from EU West: HTTP 503 since \d\d:\d\d UTC$/);
    // One incident for the service that is down; none for the degraded one.
    expect(await db.sql`select title from incidents where origin = 'auto' and resolved_at is null`).toEqual([{ title: 'App (API) is down' }]);
  });

  it('a location\'s slot recorded once: probing it again (a retried round) records nothing twice', async () => {
    const before = await checks();
    const states = () => db.sql`select monitor_id, location, status, fail_streak, ok_streak, last_check_at from location_state order by 1, 2`;
    const statesBefore = await states();
    // Make every location's last slot due again, as a round retried after a lost answer would find it.
    await db.sql`update location_state s set next_check_at = c.slot, lease_owner = null, lease_until = null
      from (select monitor_id, location, max(slot) as slot from checks where location <> 'quorum' group by monitor_id, location) c
      where c.monitor_id = s.monitor_id and c.location = s.location`;
    await runScheduled();
    const [probed] = await db.sql<{ n: number }[]>`select count(*)::int as n from location_state where lease_owner like 'do:%'`;
    expect(probed!.n).toBe(6); // every location's slot was claimed and probed again …
    expect(await checks()).toEqual(before); // … and recorded nothing twice
    expect(await states()).toEqual(statesBefore);
  });
});
