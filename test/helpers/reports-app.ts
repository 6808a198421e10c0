// The real app with Node's report wiring (aggregator, visitor digests, flusher) served on a random local port. The
// client address comes from a trusted proxy header, so one test can speak for many visitors.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type postgres from 'postgres';
import { LookoutConfig } from '../../src/config/schema.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { publishedFastPath } from '../../src/http/node-fast-path.js';
import { bindHttp } from '../../src/http/node-listen.js';
import { fastPaths, reportsFastPath } from '../../src/http/node-reports-fast-path.js';
import { nodeStaticFiles } from '../../src/http/node-static.js';
import { silentLog } from '../../src/log.js';
import { createNodeReports } from '../../src/reports/node-reports.js';
import type { ReportFlusher } from '../../src/reports/flusher.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { runTick } from './tick.js';

export const CLIENT_HEADER = 'x-test-client';

export interface ReportsApp {
  base: string;
  flusher: ReportFlusher;
  refresh(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * `fastPath` (default true) serves as `npm start` does: report posts and published answers straight from node:http,
 * the rest through Hono; false sends everything through Hono (the route Workers use).
 */
export async function startReportsApp(sql: () => postgres.Sql, o: { clock?: () => Date; flushSeconds?: number; components?: string[]; config?: object; fastPath?: boolean } = {}): Promise<ReportsApp> {
  const clock = o.clock ?? (() => new Date());
  const components = o.components ?? ['App (API)', 'Website'];
  const config = LookoutConfig.parse({
    page: { title: 'X status', timeZone: 'America/New_York' },
    monitors: components.map((c, i) => ({ id: `m${i}`, name: c, component: c, group: 'X', url: 'http://127.0.0.1:9/' })),
    reports: { trustProxyHeader: CLIENT_HEADER, flushSeconds: o.flushSeconds ?? 300, ...o.config },
  });
  const reports = createNodeReports({ config: config.reports, componentNames: components, sql, log: silentLog, clock });
  const site = createStatusSite({ page: config.page, clock, log: silentLog, reportsConfig: config.reports });
  const app = createApp({
    sql, page: config.page, clock, log: silentLog, adminToken: undefined, runTick: () => runTick(sql(), clock), staticFiles: nodeStaticFiles(),
    site, reports: reports.intake, reportsConfig: config.reports,
  });
  let server: ServerType;
  if (o.fastPath === false) {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
  } else {
    const bound = await bindHttp(0, '127.0.0.1');
    bound.serveWith(app.fetch, fastPaths(publishedFastPath(site), reportsFastPath(reports.intake)));
    server = bound.server;
  }
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    flusher: reports.flusher,
    refresh: () => site.refresh(() => readStatusData(sql(), clock())),
    close: async () => {
      await reports.flusher.stop();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
