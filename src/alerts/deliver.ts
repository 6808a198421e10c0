import type postgres from 'postgres';
import { decideAfterAttempt, parseRetryAfter, type AttemptResult } from '../core/delivery-policy.js';
import { claimDueDeliveries, fanOutEvents, recordAttempt, releaseDeliveries, type DueDelivery } from '../db/alert-store.js';
import { queueMaintenanceBoundaries } from '../db/maintenance-events.js';
import type { Log } from '../log.js';
import { mapBounded } from '../scheduler/map-bounded.js';
import { channelFor } from './channels/index.js';
import { resolveEndpointUrl } from './endpoint-url.js';

export interface DeliveryDeps {
  sql: postgres.Sql;
  clock: () => Date;
  log: Log;
  /** Reads the environment for `{ "env": NAME }` secrets and URLs (process.env on Node, the bindings on Workers). */
  env: (name: string) => string | undefined;
  /** Seconds before each attempt (config `alerts.retrySchedule`). */
  retryScheduleS: readonly number[];
  fetch?: typeof fetch;
  /** Requests in flight at once (Workers: ≤ 6 connections per invocation, and the DB holds some). */
  concurrency?: number;
  timeoutMs?: number;
  batchLimit?: number;
}

export interface DeliveryReport {
  queued: number;
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
}

/**
 * Step 5 of the tick: queue maintenance boundary events, fan the outbox out to endpoints, and make one attempt
 * at every delivery that is due. Every attempt is recorded (the delivery log); failures are data, never thrown.
 */
export async function deliverDueAlerts(deps: DeliveryDeps): Promise<DeliveryReport> {
  const now = deps.clock();
  await queueMaintenanceBoundaries(deps.sql, now);
  const queued = await fanOutEvents(deps.sql, now, (ep, type) => {
    const events = ep.events.length ? ep.events : channelFor(ep.kind)?.defaultEvents ?? [];
    return (events as readonly string[]).includes(type);
  });
  const timeoutMs = deps.timeoutMs ?? 10_000;
  // The lease outlasts one attempt, so a crash mid-send means a retry after it expires, never a lost event.
  const due = await claimDueDeliveries(deps.sql, now, timeoutMs + 60_000, deps.batchLimit ?? 100);
  const report: DeliveryReport = { queued, attempted: 0, delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  if (!due.length) return report;
  const names = new Map((await deps.sql<{ id: string; name: string }[]>`select id, name from components`).map((r) => [r.id, r.name]));
  // One endpoint's deliveries go out one after another, in event order; endpoints are served concurrently.
  const byEndpoint = new Map<string, DueDelivery[]>();
  for (const d of due) byEndpoint.set(d.endpoint.id, [...(byEndpoint.get(d.endpoint.id) ?? []), d]);
  await mapBounded([...byEndpoint.values()], deps.concurrency ?? 4, async (queue) => {
    for (const [i, d] of queue.entries()) {
      report.attempted++;
      const { result, error } = await attempt(d, deps, timeoutMs, (id) => names.get(id) ?? id);
      const at = deps.clock();
      const decision = error && result.status === null && error.startsWith('config:')
        ? { state: 'failed' as const, nextAttemptAt: null, disableEndpoint: false }
        : decideAfterAttempt(d.attempts + 1, result, at, deps.retryScheduleS);
      await recordAttempt(deps.sql, { id: d.id, endpointId: d.endpoint.id, attempts: d.attempts + 1 }, decision, { status: result.status, error }, at);
      report[decision.state === 'pending' ? 'retrying' : decision.state]++;
      if (decision.state !== 'delivered') {
        deps.log('warn', 'alert delivery failed', { delivery: d.id, endpoint: d.endpoint.id, event: d.event.id, type: d.event.type, status: result.status, error, state: decision.state });
      }
      // Gone: what is left for this endpoint was just marked disabled with it.
      if (decision.disableEndpoint) break;
      // To be retried: the later events wait behind it (order per endpoint), unleased so the next pass sees them.
      if (decision.state === 'pending') {
        await releaseDeliveries(deps.sql, queue.slice(i + 1).map((x) => x.id));
        break;
      }
    }
  });
  return report;
}

async function attempt(d: DueDelivery, deps: DeliveryDeps, timeoutMs: number, componentName: (id: string) => string): Promise<{ result: AttemptResult; error: string | null }> {
  const channel = channelFor(d.endpoint.kind);
  if (!channel) return { result: { status: null, retryAfterMs: null }, error: `config: unknown channel kind "${d.endpoint.kind}"` };
  const secrets: string[] = [];
  for (const s of d.endpoint.secrets) {
    const value = typeof s === 'string' ? s : deps.env(s.env);
    if (!value) return { result: { status: null, retryAfterMs: null }, error: `config: secret environment variable ${typeof s === 'string' ? '' : s.env} is not set` };
    secrets.push(value);
  }
  const target = resolveEndpointUrl(d.endpoint.url, deps.env);
  if ('error' in target) return { result: { status: null, retryAfterMs: null }, error: target.error };
  const now = deps.clock();
  try {
    const req = await channel.render(d.event, { secrets, now, componentName });
    const res = await (deps.fetch ?? fetch)(target.url, {
      method: 'POST',
      headers: { 'user-agent': 'Lookout-Alerts/1', ...d.endpoint.headers, ...req.headers },
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ok = res.status >= 200 && res.status < 300;
    // Keep a little of a failure's body for the log; never keep a success's (it may echo what we sent).
    if (ok) await res.body?.cancel();
    const text = ok ? '' : (await res.text().catch(() => '')).slice(0, 300);
    return { result: { status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now) }, error: ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ''}` };
  } catch (err) {
    return { result: { status: null, retryAfterMs: null }, error: (err as Error).message || String(err) };
  }
}
