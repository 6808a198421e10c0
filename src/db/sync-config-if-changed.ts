import type postgres from 'postgres';
import type { ImportedHistory } from '../config/history.js';
import type { MonitorSpec } from '../core/monitor.js';
import { syncMonitors, type SyncSummary } from './sync-config.js';

const META_KEY = 'config_fingerprint';

/**
 * Sync the config (monitors and the history it names) only when it differs from the last one synced here. Workers have no start-up to sync at, so
 * every invocation would otherwise rewrite the monitor set: this costs one indexed read instead. The fingerprint
 * is written after the sync commits, so a failed sync is simply retried next time; two invocations racing both
 * sync, which is harmless because syncMonitors is idempotent.
 */
export async function syncMonitorsIfChanged(sql: postgres.Sql, specs: readonly MonitorSpec[], now: Date, history: readonly ImportedHistory[] = []): Promise<SyncSummary | null> {
  // Without history the fingerprint is that of the specs alone, as before history files existed.
  const fingerprint = await fingerprintOf(history.length ? { specs, history: history.map((h) => h.incidents) } : specs);
  const [row] = await sql<{ value: unknown }[]>`select value from meta where key = ${META_KEY}`;
  if (row?.value === fingerprint) return null;
  const summary = await syncMonitors(sql, specs, now, history);
  await sql`
    insert into meta (key, value, updated_at) values (${META_KEY}, ${JSON.stringify(fingerprint)}::text::jsonb, ${now.toISOString()}::timestamptz)
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`;
  return summary;
}

/** SHA-256 of the synced config through Web Crypto, which both runtimes have. */
async function fingerprintOf(synced: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(synced)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
