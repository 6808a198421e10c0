// The planner: on Workers with a Queue, the cron invocation claims every due monitor and hands them to the probe
// consumers in messages, spread over the minute. It probes nothing itself.
import { claimDueMonitors, LEASE_MARGIN_MS, releaseClaims, type ClaimRef } from '../db/tick-store.js';
import { isDatabaseUnreachable } from '../db/unavailable.js';
import { deliverDue, pruneOld, type CoreDeps } from './steps.js';

/** One queue message: monitors the planner `owner` claimed, each for its slot. A few kB, far under the 128 KB limit. */
export interface ProbeMessage {
  owner: string;
  claims: ClaimRef[];
}

export interface PlanDeps extends Pick<CoreDeps, 'sql' | 'clock' | 'log' | 'owner' | 'deliverAlerts'> {
  /** Send one `sendBatch` (≤ 100 messages, ≤ 256 KB). */
  send: (messages: Array<{ body: ProbeMessage; delaySeconds: number }>) => Promise<void>;
  monitorsPerMessage: number;
  /** Probes one consumer runs at once: with the message size, what the leases must cover. */
  consumerConcurrency: number;
  /** Messages are delayed evenly over 0…spreadSeconds, so targets and the database see a steady rate. */
  spreadSeconds: number;
  /** Monitors one claim statement takes (a keyset page). */
  pageSize?: number;
  retentionDays?: number;
}

export interface PlanReport {
  startedAt: string;
  claimed: number;
  messages: number;
  durationMs: number;
  error?: string;
  databaseUnavailable?: boolean;
  released?: number;
}

/** What one sendBatch carries at most (the Queues limit is 100 messages and 256 KB; 100 × ~1.5 kB stays far below). */
const SEND_BATCH = 100;
/** Slack on a planner's lease for the consumer's batch wait and a retry or two. */
const QUEUE_SLACK_MS = 120_000;

/** Claim every due monitor page by page, pack them into messages, send them spread over the minute. Never throws. */
export async function planTick(deps: PlanDeps): Promise<PlanReport> {
  const now = deps.clock();
  const started = performance.now();
  const report: PlanReport = { startedAt: now.toISOString(), claimed: 0, messages: 0, durationMs: 0 };
  const pageSize = deps.pageSize ?? 500;
  const refs: ClaimRef[] = [];
  try {
    const left = await releaseClaims(deps.sql, deps.owner, now);
    if (left) report.released = left;
    // The lease covers one message's work at the consumer (its rounds of probes), the spread and the queue's slack:
    // the page's monitors are probed by pageSize / monitorsPerMessage consumers side by side.
    const claimOptions = {
      limit: pageSize,
      concurrency: Math.ceil(pageSize / deps.monitorsPerMessage) * deps.consumerConcurrency,
      marginMs: LEASE_MARGIN_MS + deps.spreadSeconds * 1000 + QUEUE_SLACK_MS,
    };
    for (let after: { slot: Date; monitorId: string } | undefined; ;) {
      const page = await claimDueMonitors(deps.sql, deps.owner, now, { ...claimOptions, after });
      refs.push(...page.map((c) => ({ monitorId: c.spec.id, slot: c.slot.toISOString() })));
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      after = { slot: last.slot, monitorId: last.spec.id };
    }
    report.claimed = refs.length;
    const messages: ProbeMessage[] = [];
    for (let i = 0; i < refs.length; i += deps.monitorsPerMessage) messages.push({ owner: deps.owner, claims: refs.slice(i, i + deps.monitorsPerMessage) });
    const delayOf = (i: number) => Math.floor((i * (deps.spreadSeconds + 1)) / messages.length);
    for (let i = 0; i < messages.length; i += SEND_BATCH) {
      const batch = messages.slice(i, i + SEND_BATCH);
      await deps.send(batch.map((body, j) => ({ body, delaySeconds: delayOf(i + j) })));
      report.messages += batch.length;
    }
    await deliverDue(deps);
    await pruneOld(deps.sql, now, deps.retentionDays);
  } catch (err) {
    report.error = (err as Error).message;
    if (isDatabaseUnreachable(err)) report.databaseUnavailable = true;
    deps.log('error', 'planning failed', { error: report.error, databaseUnavailable: report.databaseUnavailable ?? false });
    // Monitors no message carries are given back (all of this owner's if nothing was sent); the sent stay with their messages.
    const unsent = report.messages ? refs.slice(report.messages * deps.monitorsPerMessage).map((r) => r.monitorId) : undefined;
    if (!unsent || unsent.length) {
      await releaseClaims(deps.sql, deps.owner, deps.clock(), unsent)
        .then((n) => (report.released = n))
        .catch((e: Error) => deps.log('warn', 'claims not released; they wait out their lease', { error: e.message }));
    }
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
