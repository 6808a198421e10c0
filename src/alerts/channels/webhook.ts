import { ALERT_EVENT_TYPES } from '../../core/alert-events.js';
import type { Channel } from '../channel.js';
import { standardWebhookHeaders } from '../sign.js';

/** Generic JSON webhook: the versioned event as is, signed per Standard Webhooks. */
export const webhookChannel: Channel = {
  defaultEvents: ALERT_EVENT_TYPES,
  async render(event, ctx) {
    const body = JSON.stringify(event);
    return { body, headers: { 'content-type': 'application/json', ...(await standardWebhookHeaders(ctx.secrets, event.id, ctx.now, body)) } };
  },
};
