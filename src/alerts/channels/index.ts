import type { AlertChannelKind } from '../../config/schema.js';
import type { Channel } from '../channel.js';
import { discordChannel } from './discord.js';
import { pagerdutyChannel } from './pagerduty.js';
import { slackChannel } from './slack.js';
import { teamsChannel } from './teams.js';
import { webhookChannel } from './webhook.js';

/** Every channel kind has exactly one implementation: a missing one fails to compile. */
export const CHANNELS = {
  webhook: webhookChannel,
  slack: slackChannel,
  discord: discordChannel,
  teams: teamsChannel,
  pagerduty: pagerdutyChannel,
} satisfies Record<AlertChannelKind, Channel>;

export function channelFor(kind: string): Channel | null {
  return  Object.hasOwn(CHANNELS, kind) ? CHANNELS[kind as AlertChannelKind] : null;
}
