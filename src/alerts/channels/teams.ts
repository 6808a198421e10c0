import { ALERT_EVENT_TYPES } from '../../core/alert-events.js';
import type { Channel } from '../channel.js';
import { summarize } from './summary.js';

/** Microsoft Teams Workflows webhook: a message carrying one Adaptive Card (the only card type Workflows accepts). */
export const teamsChannel: Channel = {
  defaultEvents: ALERT_EVENT_TYPES,
  async render(event, ctx) {
    const s = summarize(event, ctx);
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: s.title, weight: 'Bolder', size: 'Medium', wrap: true, color: s.resolves ? 'Good' : s.severity === 'info' ? 'Accent' : 'Attention' },
        { type: 'TextBlock', text: s.text, wrap: true },
        { type: 'FactSet', facts: [{ title: 'Event', value: event.type }, { title: 'Time', value: event.timestamp }] },
      ],
    };
    const body = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  },
};
