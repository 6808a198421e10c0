import type postgres from 'postgres';
import { createAlertingDeps, syncAlertEndpoints } from '../../src/alerts/create.js';
import { generateWebhookSecret } from '../../src/alerts/sign.js';
import { AlertsConfig } from '../../src/config/schema.js';
import { silentLog } from '../../src/log.js';
import { runTick } from './tick.js';

/**
 * Alerting wired as the entry points wire it, against `sql`, with webhook endpoints for the given receiver URLs.
 * Returns a `tick()` that runs the whole tick (probe, record, incidents, delivery) at the clock's time.
 */
export async function wireAlerting(sql: postgres.Sql, clock: () => Date, urls: string[], over: Partial<import('zod').input<typeof AlertsConfig>> = {}) {
  const secrets: Record<string, string> = Object.fromEntries(urls.map((_, i) => [`HOOK_${i}`, generateWebhookSecret()]));
  const config = AlertsConfig.parse({
    endpoints: urls.map((url, i) => ({ id: `hook-${i}`, kind: 'webhook', url, secret: { env: `HOOK_${i}` } })),
    ...over,
  });
  await syncAlertEndpoints(sql, config, clock());
  const deps = () => createAlertingDeps({ sql, config, clock, log: silentLog, env: (n) => secrets[n] });
  const alerting = deps();
  return { config, secrets, alerting, tick: (s: postgres.Sql = sql) => runTick(s, clock, s === sql ? alerting : createAlertingDeps({ sql: s, config, clock, log: silentLog, env: (n) => secrets[n] })) };
}
