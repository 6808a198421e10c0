// Node: the aggregator's counts are written every `flushSeconds`, one statement per flush whatever the number of
// reports, off the request path. A batch whose write failed is written again, with the same id, by the next flush
// (nothing counted is lost while the process lives, and nothing is added twice); the report route never waits for
// any of this.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { addReportCounts } from '../db/report-store.js';
import type { Log } from '../log.js';
import type { ReportAggregator, ReportCountRow } from './aggregator.js';

export interface ReportFlusher {
  /** Write what is pending now (one statement, none when nothing is pending); true when it was written. */
  flush(): Promise<boolean>;
  /** Statements the flusher has sent to the database. */
  readonly statements: number;
  /** Stop the timer and write what is left. */
  stop(): Promise<void>;
}

export function startReportFlusher(o: { aggregator: ReportAggregator; sql: () => postgres.Sql; intervalMs: number; log: Log }): ReportFlusher {
  let statements = 0;
  let running: Promise<boolean> | null = null;
  // The batch being written: kept until it is known to be in the database.
  let batch: { id: string; rows: ReportCountRow[] } | null = null;
  const write = async (): Promise<boolean> => {
    if (!batch) {
      const rows = o.aggregator.drain();
      if (!rows.length) return false;
      batch = { id: randomUUID(), rows };
    }
    const current = batch;
    statements++;
    try {
      await addReportCounts(o.sql(), current.id, current.rows);
      batch = null;
      return true;
    } catch (err) {
      o.log('warn', 'report counts not written; the next flush tries again', { rows: current.rows.length, error: (err as Error).message });
      return false;
    }
  };
  // One flush at a time: a slow database delays the next one instead of stacking statements.
  const flush = () => (running ??= write().finally(() => (running = null)));
  const timer = setInterval(() => void flush(), o.intervalMs);
  timer.unref?.();
  return {
    flush,
    get statements() {
      return statements;
    },
    stop: async () => {
      clearInterval(timer);
      await running;
      await flush();
      // What came while the last batch was written.
      if (!batch) await flush();
    },
  };
}
