// Visitor reports on Workers: one Durable Object counts them (the same aggregator and visitor digests as Node,
// so the caps hold across isolates and data centres) and keeps its pending counts in its own storage, so an
// evicted object loses nothing. It never talks to Postgres (no database sockets in a Durable Object): each
// scheduled() takes its counts and writes them as one upsert — the flush interval on Workers is the cron minute —
// then judges the spikes and publishes the site. A batch stays in the object until its write is confirmed.
import { DurableObject } from 'cloudflare:workers';
import type postgres from 'postgres';
import { addReportCounts } from './db/report-store.js';
import { clientAddressOf, type ReportIntake } from './http/reports-route.js';
import type { Log } from './log.js';
import { ReportAggregator, type ReportCountRow, type ReportOutcome } from './reports/aggregator.js';
import { reportableComponents } from './reports/components.js';
import { VisitorKeys } from './reports/visitor.js';
import type { WorkerEnv, WorkerSettings } from './worker-env.js';

const PENDING = 'pending';
const IN_FLIGHT = 'in-flight';

export class ReportsAggregatorObject extends DurableObject<WorkerEnv> {
  private readonly aggregator = new ReportAggregator();
  // The day's digests come from a secret this object holds in memory only: never stored, never sent.
  private readonly keys = new VisitorKeys();

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      const saved = await ctx.storage.get<ReportCountRow[]>(PENDING);
      if (saved) this.aggregator.restore(saved);
    });
  }

  /** Count one report; null when the address is not an IP address. */
  async record(address: string, componentId: string, category: string): Promise<ReportOutcome | null> {
    const now = Date.now();
    const who = this.keys.identify(address, now);
    if (!who) return null;
    const outcome = this.aggregator.record(who, componentId, category, now);
    if (outcome === 'counted') await this.ctx.storage.put(PENDING, this.aggregator.peek());
    return outcome;
  }

  /**
   * The batch to write: the one handed over before and not confirmed yet (its write failed, or its Worker went
   * away), else the pending counts as a new batch. Kept in storage until confirmed.
   */
  async take(): Promise<{ id: string; rows: ReportCountRow[] }> {
    const held = await this.ctx.storage.get<{ id: string; rows: ReportCountRow[] }>(IN_FLIGHT);
    if (held) return held;
    const rows = this.aggregator.drain();
    const batch = { id: crypto.randomUUID(), rows };
    if (rows.length) {
      await this.ctx.storage.put(IN_FLIGHT, batch);
      await this.ctx.storage.delete(PENDING);
    }
    return batch;
  }

  /** The batch is in the database: forget it. */
  async confirm(id: string): Promise<void> {
    const held = await this.ctx.storage.get<{ id: string }>(IN_FLIGHT);
    if (held?.id === id) await this.ctx.storage.delete(IN_FLIGHT);
  }
}

/** The one object every isolate reports to. */
const reportsObject = (env: WorkerEnv) => env.REPORTS.get(env.REPORTS.idFromName('reports'));

/** POST /reports on Workers: validated here, counted in the object. The address is Cloudflare's CF-Connecting-IP. */
export function workerReportIntake(settings: WorkerSettings, env: () => WorkerEnv): ReportIntake {
  return {
    components: reportableComponents(settings.config.reports, settings.config.monitors.map((m) => m.component)),
    record: (address, componentId, category) => reportsObject(env()).record(address, componentId, category),
    clientAddress: clientAddressOf(settings.config.reports.trustProxyHeader ?? 'cf-connecting-ip', () => undefined),
  };
}

/**
 * Write what the object counted since the last flush: one statement (none when nothing is pending). A batch whose
 * write fails stays in the object and is written, with the same id, next minute: never lost, never added twice.
 */
export async function flushWorkerReports(sql: postgres.Sql, env: WorkerEnv, log: Log): Promise<number> {
  const object = reportsObject(env);
  const batch = await object.take();
  if (!batch.rows.length) return 0;
  try {
    await addReportCounts(sql, batch.id, batch.rows);
  } catch (err) {
    log('warn', 'report counts not written; the object keeps them for the next minute', { rows: batch.rows.length, error: (err as Error).message });
    return 0;
  }
  await object.confirm(batch.id);
  return batch.rows.length;
}
