// Node: reports are counted in this process and written by its flusher (one statement per interval).
import { getConnInfo } from '@hono/node-server/conninfo';
import type postgres from 'postgres';
import type { ReportsConfig } from '../config/reports-schema.js';
import { clientAddressOf, type ReportIntake } from '../http/reports-route.js';
import type { Log } from '../log.js';
import { ReportAggregator } from './aggregator.js';
import { reportableComponents } from './components.js';
import { startReportFlusher, type ReportFlusher } from './flusher.js';
import { VisitorKeys } from './visitor.js';

export function createNodeReports(o: { config: ReportsConfig; componentNames: readonly string[]; sql: () => postgres.Sql; log: Log; clock: () => Date }): { intake: ReportIntake; flusher: ReportFlusher } {
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
  return { intake, flusher };
}
