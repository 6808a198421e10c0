import { ALERT_EVENT_TYPES } from '../../core/alert-events.js';
import type { Channel } from '../channel.js';
import { summarize } from './summary.js';

/** Slack incoming webhook: `text` always (the fallback for notifications), plus one section block in mrkdwn. */
export const slackChannel: Channel = {
  defaultEvents: ALERT_EVENT_TYPES,
  async render(event, ctx) {
    const s = summarize(event, ctx);
    const body = { text: s.text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(s.title)}*\n${escapeMrkdwn(s.text)}` } }] };
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  },
};

// Slack treats &, < and > as control characters in mrkdwn.
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
