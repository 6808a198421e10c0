import type { AlertEvent, AlertEventType } from '../core/alert-events.js';

/** The HTTP request a channel makes for one event. */
interface RenderedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface ChannelContext {
  /** The endpoint's secrets, resolved (webhook: signing secrets, newest first; pagerduty: the routing key). */
  secrets: string[];
  /** This attempt's time (the webhook-timestamp). */
  now: Date;
  /** Names for component ids, for human-readable messages. */
  componentName: (id: string) => string;
}

/**
 * One alert channel: a wire format for events. Delivery, retries and the log are shared (alerts/deliver.ts);
 * a channel only says what to send. Every event type goes through the one `render`.
 */
export interface Channel {
  /** Events sent when the endpoint lists none. */
  defaultEvents: readonly AlertEventType[];
  render(event: AlertEvent, ctx: ChannelContext): Promise<RenderedRequest>;
}
