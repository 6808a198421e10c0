import type { Channel } from '../channel.js';
import { summarize } from './summary.js';

/**
 * PagerDuty Events API v2. The dedup_key is stable per monitor (per incident for incident events), so the
 * recovery's `resolve` closes the alert its `trigger` opened. Pages on monitors only by default: one page per
 * outage, not one per monitor and one per incident.
 */
export const pagerdutyChannel: Channel = {
  defaultEvents: ['monitor.down', 'monitor.degraded', 'monitor.recovered'],
  async render(event, ctx) {
    const s = summarize(event, ctx);
    const body = {
      routing_key: ctx.secrets[0] ?? '',
      event_action: s.resolves ? 'resolve' : 'trigger',
      dedup_key: `lookout:${s.subject}`,
      payload: { summary: s.text.split('\n')[0]!.slice(0, 1024), source: 'lookout', severity: s.severity, timestamp: event.timestamp, custom_details: event.data },
    };
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  },
};
