// Node: reports are counted in this process and written by its flusher (one statement per interval).
import { getConnInfo } from '@hono/node-server/conninfo';
import type postgres from 'postgres';
import type { ReportsConfig } from '../config/reports-schema.js';
import { clientAddressOf, type ReportIntake } from '../http/reports-route.js';
import type { Log } from '../log.js';
import { ReportAggregator } from './aggregator.js';
import { reportableComponents } from './components.js';
import { startReportFlusher, type ReportFlusher } from './flusher.js';
import { REPORT_WINDOW_MS } from '../core/reports.js';
import { fuseReportsAfterTick } from './fuse.js';
import { VisitorKeys } from './visitor.js';

export interface NodeReports {
  intake: ReportIntake;
  flusher: ReportFlusher;
  /**
   * The fusion step after a tick; true when the page changed. It reads the database only when there is something
   * to judge: this process counted a report within the window (it is the only one counting), a spike is open, or
   * it has not looked since it started.
   */
  fuse: () => Promise<boolean>;
}

export function createNodeReports(o: { config: ReportsConfig; componentNames: readonly string[]; sql: () => postgres.Sql; log: Log; clock: () => Date }): NodeReports {
  const aggregator = new ReportAggregator();
  const keys = new VisitorKeys();
  const flusher = startReportFlusher({ aggregator, sql: o.sql, intervalMs: o.config.flushSeconds * 1000, log: o.log });
  const intake: ReportIntake = {
    components: reportableComponents(o.config, o.componentNames),
    record: (address, componentId, category) => {
      const now = o.clock().getTime();
      const who = keys.identify(address, now);
      return who && aggregator.record(who, componentId, category, now);
    },
    trustProxyHeader: o.config.trustProxyHeader,
    clientAddress: clientAddressOf(o.config.trustProxyHeader, (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // not served by node:http (app.request in a test)
      }
    }),
  };
  let openSpikes: number | null = null;
  const fuse = async () => {
    const now = o.clock();
    const recent = now.getTime() - aggregator.lastCountedAt < REPORT_WINDOW_MS + 60_000;
    if (openSpikes === 0 && !recent) return false;
    const r = await fuseReportsAfterTick(o.sql(), o.config, o.log, now);
    if (r) openSpikes = r.open;
    return r?.changed ?? false;
  };
  return { intake, flusher, fuse };
}
