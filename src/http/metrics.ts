import { Hono } from 'hono';
import type postgres from 'postgres';
import { DELIVERY_STATES } from '../core/delivery-policy.js';
import { LATENCY_BOUNDS_MS } from '../core/latency.js';
import { cumulativeBuckets, PROMETHEUS_CONTENT_TYPE, renderExposition, type MetricFamily } from '../core/prometheus.js';
import { readMetrics } from '../db/metrics-queries.js';
import { etag } from 'hono/etag';
import { MONITOR_STATUSES, VERDICTS } from '../core/statuses.js';

const isVerdict = (s: string) => (VERDICTS as readonly string[]).includes(s);

/**
 * Prometheus /metrics: per monitor up, status, last latency, checks and failures counters and the latency
 * histogram from rollups; per alert endpoint delivery failures. Read fresh on every scrape (`no-cache`), with
 * an ETag so an unchanged scrape costs no body.
 */
export function createMetrics(deps: { sql: () => postgres.Sql }) {
  const app = new Hono();
  app.use('*', etag(), async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set('cache-control', 'no-cache');
  });
  app.get('/', async (c) => {
    const { monitors, endpoints } = await readMetrics(deps.sql());
    const m = (id: string, component: string) => ({ monitor: id, component });
    const families: MetricFamily[] = [
      { name: 'lookout_monitor_up', help: 'Whether the monitor is confirmed up or degraded (1) or down (0); absent before its first check.', type: 'gauge',
        samples: monitors.filter((x) => isVerdict(x.status)).map((x) => ({ labels: m(x.id, x.component), value: x.status === 'down' ? 0 : 1 })) },
      { name: 'lookout_monitor_status', help: 'The monitor\'s confirmed status: 1 for the current one, 0 for the others.', type: 'gauge',
        samples: monitors.flatMap((x) => MONITOR_STATUSES.map((s) => ({ labels: { ...m(x.id, x.component), status: s }, value: x.status === s ? 1 : 0 }))) },
      { name: 'lookout_monitor_last_latency_seconds', help: 'Total time of the last check.', type: 'gauge',
        samples: monitors.filter((x) => x.lastLatencyMs !== null).map((x) => ({ labels: m(x.id, x.component), value: x.lastLatencyMs! / 1000 })) },
      { name: 'lookout_monitor_last_check_timestamp_seconds', help: 'When the last check ran (Unix time).', type: 'gauge',
        samples: monitors.filter((x) => x.lastCheckAt).map((x) => ({ labels: m(x.id, x.component), value: x.lastCheckAt!.getTime() / 1000 })) },
      { name: 'lookout_monitor_checks_total', help: 'Checks recorded (one per interval, re-probes included in it).', type: 'counter',
        samples: monitors.map((x) => ({ labels: m(x.id, x.component), value: x.checksTotal })) },
      { name: 'lookout_monitor_failures_total', help: 'Checks whose verdict was down.', type: 'counter',
        samples: monitors.map((x) => ({ labels: m(x.id, x.component), value: x.failuresTotal })) },
      { name: 'lookout_monitor_response_time_seconds', help: 'Response time of answered checks (up or degraded), from the daily rollups.', type: 'histogram',
        samples: monitors.map((x) => {
          // _count is the +Inf bucket by definition: take both from the histogram so they can never disagree.
          const buckets = cumulativeBuckets(x.hist, LATENCY_BOUNDS_MS);
          return { labels: m(x.id, x.component), buckets, sum: x.latencySum / 1000, count: buckets[buckets.length - 1]!.count };
        }) },
      { name: 'lookout_alert_delivery_failed_attempts_total', help: 'Delivery attempts to the endpoint that did not succeed.', type: 'counter',
        samples: endpoints.map((e) => ({ labels: { endpoint: e.id, kind: e.kind }, value: e.failedAttempts })) },
      { name: 'lookout_alert_deliveries', help: 'Deliveries to the endpoint by state (failed = retries exhausted).', type: 'gauge',
        samples: endpoints.flatMap((e) => DELIVERY_STATES.map((s) => ({ labels: { endpoint: e.id, kind: e.kind, state: s }, value: e.deliveries[s] ?? 0 }))) },
      { name: 'lookout_alert_endpoint_disabled', help: 'Whether the endpoint is disabled (1), e.g. after a 410 Gone.', type: 'gauge',
        samples: endpoints.map((e) => ({ labels: { endpoint: e.id, kind: e.kind }, value: e.disabled ? 1 : 0 })) },
    ];
    return c.body(renderExposition(families), 200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
  });
  return app;
}
