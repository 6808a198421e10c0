import { ALERT_EVENT_TYPES } from '../../core/alert-events.js';
import type { Channel } from '../channel.js';
import { summarize } from './summary.js';

/** Discord webhook: a short `content` line and one embed with the colour of the news. */
export const discordChannel: Channel = {
  defaultEvents: ALERT_EVENT_TYPES,
  async render(event, ctx) {
    const s = summarize(event, ctx);
    const body = {
      content: s.title.slice(0, 2000),
      embeds: [{ title: s.title.slice(0, 256), description: s.text.slice(0, 4096), color: s.color, timestamp: event.timestamp, footer: { text: `${event.type} · ${event.id}` } }],
      allowed_mentions: { parse: [] },
    };
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  },
};
