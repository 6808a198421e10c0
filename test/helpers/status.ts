import type postgres from 'postgres';
import { monitorsJson } from '../../src/http/api-v1/serialize.js';
import { assembleSnapshot } from '../../src/snapshot/assemble.js';
import { readStatusData } from '../../src/snapshot/read.js';
import type { StatusSnapshot } from '../../src/snapshot/types.js';

/** The snapshot a refresh would publish now. */
async function readSnapshot(sql: postgres.Sql, now: Date): Promise<StatusSnapshot> {
  return assembleSnapshot(await readStatusData(sql, now), now);
}

/** Every monitor as /api/v1/monitors shows it (status, uptime per window), read now. */
export async function monitorStatuses(sql: postgres.Sql, now: Date) {
  const s = await readSnapshot(sql, now);
  return monitorsJson(s);
}
