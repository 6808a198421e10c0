// An install from before the read caches went: migrated with the migrations as they were at stop 11 (page digests,
// incident cards and the triggers keeping them, X's history seeded), then upgraded by today's drizzle/ (0008 drops
// the caches). Nothing that was recorded is lost.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrate.js';
import { dbTargets, withDatabase } from '../helpers/databases.js';

// Stop 11's migrations: those changed since (0001, 0003-0007) as they were, in the fixture; 0000 and 0002 unchanged,
// taken from drizzle/; the journal up to 0007.
const FIXTURE = fileURLToPath(new URL('../fixtures/drizzle-stop-11', import.meta.url));
const CURRENT = fileURLToPath(new URL('../../drizzle', import.meta.url));
async function stop11Migrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lookout-stop-11-'));
  await cp(FIXTURE, dir, { recursive: true });
  for (const file of ['0000_init.sql', '0002_alert_service_state.sql']) await cp(join(CURRENT, file), join(dir, file));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe.each(dbTargets())('upgrading a database of stop 11 ($name)', (target) => {
  it('drops the page digests, the incident cards and their triggers, and keeps every incident and every raw check', async () => {
    const name = `lookout_up_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(target.url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => (await admin.unsafe(`drop database if exists ${name} with (force)`), admin.end()));
    const url = withDatabase(target.url, name);
    const sql = postgres(url, { max: 1, onnotice: () => undefined });
    cleanups.push(() => sql.end());

    const old = postgres(url, { max: 1, onnotice: () => undefined });
    await migrate(drizzle(old), { migrationsFolder: await stop11Migrations() });
    await old.end();
    const caches = async () => (await sql`select to_regclass('page_digests')::text as d, to_regclass('incident_cards')::text as c`)[0];
    expect(await caches()).toEqual({ d: 'page_digests', c: 'incident_cards' });
    await sql`insert into incidents (id, title, status, impact, origin, started_at) values ('before', 'Recorded before the upgrade', 'resolved', 'minor', 'manual', now())`;
    const incidentsBefore = await sql`select id, title, status from incidents order by id`;
    expect(incidentsBefore.map((r) => r.id)).toEqual(['before', 'x-2023-03-06', 'x-2025-03-10']);
    // Raw checks from before checks had slots (0009) and a key of their own (0010).
    await sql`insert into checks (monitor_id, at, verdict, latency_ms) select 'm' || (g % 3), now() - g * interval '20 seconds', 'up', g from generate_series(1, 30) g`;
    const checksBefore = await sql`select id, monitor_id, at, latency_ms from checks order by id`;

    await applyMigrations(url);
    expect(await caches()).toEqual({ d: null, c: null });
    expect(await sql`select tgname from pg_trigger where not tgisinternal`).toEqual([]);
    expect(await sql`select proname from pg_proc where proname like 'lookout_%'`).toEqual([]);
    expect(await sql`select id, title, status from incidents order by id`).toEqual(incidentsBefore);
    // Every check kept, each answering its own time as its slot; one recorded now with a slot of its own works.
    expect(await sql`select id, monitor_id, at, latency_ms from checks order by id`).toEqual(checksBefore);
    expect((await sql`select count(*)::int as n from checks where slot = at`)[0]!.n).toBe(30);
    await sql`insert into checks (monitor_id, at, slot, verdict, latency_ms) values ('m1', now(), now() - interval '1 second', 'up', 1)`;
    // Writing incidents works without the triggers' function.
    await sql`insert into incidents (id, title, status, impact, origin, started_at) values ('after', 'Recorded after', 'investigating', 'minor', 'manual', now())`;
    await sql`insert into incident_components (incident_id, component_id, status) values ('after', 'website', 'partial_outage')`;
    expect((await sql`select count(*)::int as n from incidents`)[0]!.n).toBe(4);
  });
});
