// Node: the aggregator's counts are written every `flushSeconds`, one statement per flush whatever the number of
// reports, off the request path. A failed write puts the counts back for the next flush (nothing counted is lost
// while the process lives); the report route never waits for any of this.
import type postgres from 'postgres';
import { addReportCounts } from '../db/report-store.js';
import type { Log } from '../log.js';
import type { ReportAggregator } from './aggregator.js';

export interface ReportFlusher {
  /** Write what is pending now (one statement, none when nothing is pending); true when it was written. */
  flush(): Promise<boolean>;
  /** Statements the flusher has sent to the database. */
  readonly statements: number;
  /** Stop the timer and write what is left. */
  stop(): Promise<void>;
}

export function startReportFlusher(o: { aggregator: ReportAggregator; sql: () => postgres.Sql; intervalMs: number; log: Log; onFlushed?: () => void }): ReportFlusher {
  let statements = 0;
  let running: Promise<boolean> | null = null;
  const write = async (): Promise<boolean> => {
    const rows = o.aggregator.drain();
    if (!rows.length) return false;
    statements++;
    try {
      await addReportCounts(o.sql(), rows);
      o.onFlushed?.();
      return true;
    } catch (err) {
      o.aggregator.restore(rows);
      o.log('warn', 'report counts not written; kept for the next flush', { rows: rows.length, error: (err as Error).message });
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
    },
  };
}
