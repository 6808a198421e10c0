// The tick's statements that join monitor_state to a JSON record set must be planned the same whatever the table's
// statistics say. Statistics taken while no lease is held put `lease_owner = <owner>` at one row; when that was a
// filter, Postgres chose a nested loop that re-ran the record set once per monitor (11.7 s for 10,000 monitors
// instead of 37 ms, bench/STEADY.md). Each such statement a real tick sends is captured, the table is grown to
// 10,000 monitors (the planner only chose that loop for a table of some size) and analysed with no lease held, and
// the statement is EXPLAINed with its own parameters.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueMonitors, loadClaims } from '../../src/db/tick-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

/** Nested loops whose inner side scans a function (the record set), rescanned for every outer row. */
function rescannedFunctionScans(node: PlanNode): string[] {
  const found: string[] = [];
  const hasFunctionScan = (n: PlanNode): boolean => n['Node Type'] === 'Function Scan' || (n.Plans ?? []).some(hasFunctionScan);
  if (node['Node Type'] === 'Nested Loop' && node.Plans?.[1] && hasFunctionScan(node.Plans[1])) found.push('Nested Loop over a Function Scan');
  for (const child of node.Plans ?? []) found.push(...rescannedFunctionScans(child));
  return found;
}

describe.each(dbTargets())('monitor_state joins on $name', (target) => {
  let db: TestDb;
  let server: LocalServer;
  let traced: postgres.Sql;
  const sent: Array<{ query: string; params: unknown[] }> = [];

  beforeAll(async () => {
    db = await createTestDb(target.url, { history: false });
    server = await startServer((_req, res) => res.end('ok'));
    traced = postgres(db.url, { max: 2, onnotice: () => undefined, debug: (_c, query, params) => sent.push({ query, params }) });
  });

  afterAll(async () => {
    await traced?.end({ timeout: 5 });
    await server?.close();
    await db?.drop();
  });

  async function plansOf(statements: typeof sent): Promise<string[]> {
    const problems: string[] = [];
    for (const { query, params } of statements) {
      const [row] = await db.sql.unsafe(`explain (format json) ${query}`, params as postgres.ParameterOrJSON<never>[]);
      const plan = (row as unknown as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]!.Plan;
      problems.push(...rescannedFunctionScans(plan).map((p) => `${p}: ${query.replace(/\s+/g, ' ').slice(0, 80)}`));
    }
    return problems;
  }

  it('plans the tick\'s writes and the queue consumer\'s read by the record set, not by the stale lease estimate', { timeout: 60_000 }, async () => {
    const clock = fakeClock();
    const specs = Array.from({ length: 300 }, (_, i) => spec({ id: `p${i}`, name: `P ${i}`, url: `${server.url}/` }));
    await syncMonitors(db.sql, specs, clock.now());

    sent.length = 0;
    const report = await runTick(traced, clock.now);
    expect(report.recorded).toBe(300);
    const tickJoins = sent.filter((s) => /update monitor_state/.test(s.query) && /jsonb_to_recordset/.test(s.query));
    expect(tickJoins.length).toBeGreaterThanOrEqual(1);

    clock.advance(60_000);
    const claimed = await claimDueMonitors(traced, 'consumer-test', clock.now(), { limit: 1000, concurrency: 16 });
    expect(claimed).toHaveLength(300);
    sent.length = 0;
    const loaded = await loadClaims(traced, 'consumer-test', claimed.map((c) => ({ monitorId: c.spec.id, slot: c.slot.toISOString() })), clock.now());
    expect(loaded).toHaveLength(300);
    const readJoins = sent.filter((s) => /jsonb_to_recordset/.test(s.query) && /monitor_state/.test(s.query));
    expect(readJoins).toHaveLength(1);

    // 10,000 monitors, none of them leased when the statistics are taken (as after a quiet autovacuum).
    const more = Array.from({ length: 9_700 }, (_, i) => spec({ id: `q${i}`, name: `Q ${i}`, url: `${server.url}/` }));
    await syncMonitors(db.sql, [...specs, ...more], clock.now());
    await db.sql`update monitor_state set lease_owner = null, lease_until = null`;
    await db.sql`analyze monitor_state`;
    expect(await plansOf([...tickJoins, ...readJoins])).toEqual([]);
  });
});
