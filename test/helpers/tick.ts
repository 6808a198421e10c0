import type postgres from 'postgres';
import { silentLog } from '../../src/log.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import type { Probe } from '../../src/probe/types.js';
import { tick, type TickDeps } from '../../src/scheduler/tick.js';

/** A stepping clock: tests move time explicitly. */
export function fakeClock(start = new Date('2026-03-10T15:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function tickDeps(sql: postgres.Sql, clock: () => Date, over: Partial<TickDeps> = {}): TickDeps {
  const probe: Probe = createNodeProbe();
  return { sql, probe, clock, sleep: async () => undefined, log: silentLog, owner: `test-${Math.random()}`, concurrency: 16, ...over };
}

export const runTick = (sql: postgres.Sql, clock: () => Date, over: Partial<TickDeps> = {}) => tick(tickDeps(sql, clock, over));
