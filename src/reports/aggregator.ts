// Reports counted in memory (Node: the process; Workers: one Durable Object) and handed to the flusher as counts
// per component × category × minute. The caps bound what any one source can add: one report per visitor per
// component per 15 minutes, REPORT_LIMITS.perNetwork per network prefix per component in 15 minutes, and
// REPORT_LIMITS.perMinute for everyone together. A network prefix is counted once per component per 15 minutes as a
// distinct source — the number the spike detector reads, so a flood from a few networks cannot make a spike.
import { REPORT_WINDOW_MS, reportBucket } from '../core/reports.js';
import type { VisitorIdentity } from './visitor.js';

export const REPORT_LIMITS = {
  /** Counted reports per network prefix per component in 15 minutes (offices and carrier NAT share a prefix). */
  perNetwork: 20,
  /** Counted reports per minute, all together: bounds memory and the rows of one flush. */
  perMinute: 6000,
} as const;

/** What became of one report. "repeat" and "capped" are answered like "counted": a flooder learns nothing. */
export type ReportOutcome = 'counted' | 'repeat' | 'capped';

/** One row of counts as the database keeps it. */
export interface ReportCountRow {
  componentId: string;
  category: string;
  /** The minute, epoch ms. */
  minute: number;
  reports: number;
  /** Network prefixes counted for the first time in their 15 minutes. */
  sources: number;
}

const key = (...parts: string[]) => parts.join('\u0000');

export class ReportAggregator {
  private readonly seen = new Map<string, number>();
  private readonly networks = new Map<string, { count: number; until: number }>();
  private readonly pending = new Map<string, ReportCountRow>();
  private minute = 0;
  private inMinute = 0;
  private nextPrune = 0;
  /** When the last report was counted (epoch ms; 0 before the first). */
  lastCountedAt = 0;

  /** Count one report of `who` about a component and category (both already validated). */
  record(who: VisitorIdentity, componentId: string, category: string, now: number): ReportOutcome {
    this.prune(now);
    const visitorKey = key(who.visitor, componentId);
    if ((this.seen.get(visitorKey) ?? 0) > now) return 'repeat';
    const networkKey = key(who.network, componentId);
    let network = this.networks.get(networkKey);
    if (network && network.until <= now) network = undefined;
    if (network && network.count >= REPORT_LIMITS.perNetwork) return 'capped';
    const minute = reportBucket(now);
    if (minute !== this.minute) {
      this.minute = minute;
      this.inMinute = 0;
    }
    if (this.inMinute >= REPORT_LIMITS.perMinute) return 'capped';
    this.inMinute++;
    this.seen.set(visitorKey, now + REPORT_WINDOW_MS);
    const fresh = network === undefined;
    if (fresh) this.networks.set(networkKey, { count: 1, until: now + REPORT_WINDOW_MS });
    else network!.count++;
    this.add({ componentId, category, minute, reports: 1, sources: fresh ? 1 : 0 });
    this.lastCountedAt = now;
    return 'counted';
  }

  /** The counts not yet written, taken out: the caller keeps them until they are in the database. */
  drain(): ReportCountRow[] {
    const rows = [...this.pending.values()];
    this.pending.clear();
    return rows;
  }

  /** Add counts kept elsewhere (a Durable Object's storage after a restart) to what is pending. */
  restore(rows: readonly ReportCountRow[]): void {
    for (const r of rows) this.add(r);
  }

  /** The counts not yet written, left in place (a Durable Object keeps a copy in its storage). */
  peek(): ReportCountRow[] {
    return [...this.pending.values()].map((r) => ({ ...r }));
  }

  private add(r: ReportCountRow): void {
    const k = key(r.componentId, r.category, String(r.minute));
    const row = this.pending.get(k);
    if (row) {
      row.reports += r.reports;
      row.sources += r.sources;
    } else this.pending.set(k, { ...r });
  }

  /** Forget what no longer counts, once a minute: the maps hold at most 15 minutes of counted reports. */
  private prune(now: number): void {
    if (now < this.nextPrune) return;
    this.nextPrune = now + 60_000;
    for (const [k, until] of this.seen) if (until <= now) this.seen.delete(k);
    for (const [k, n] of this.networks) if (n.until <= now) this.networks.delete(k);
  }
}
