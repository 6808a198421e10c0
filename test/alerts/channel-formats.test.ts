// Acceptance 6: Slack, Discord, Teams and PagerDuty payloads checked against their documented shapes
// (shared/reference/standards.md) as small JSON Schemas, for every event type; then delivered for real.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelContext } from '../../src/alerts/channel.js';
import { CHANNELS } from '../../src/alerts/channels/index.js';
import { createAlertingDeps, syncAlertEndpoints } from '../../src/alerts/create.js';
import { ALERT_EVENT_TYPES, alertEvent, type AlertEvent, type AlertEventDataByType, type AlertEventType, type IncidentEventData } from '../../src/core/alert-events.js';
import { AlertsConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { listDeliveries } from '../../src/db/alert-store.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { closedPort } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);

const SCHEMAS = {
  // Slack incoming webhook: {"text": …}, blocks optional with text kept as the fallback.
  slack: {
    type: 'object', required: ['text'], additionalProperties: false,
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 40000 },
      blocks: { type: 'array', maxItems: 50, items: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, text: { type: 'object', required: ['type', 'text'], properties: { type: { enum: ['mrkdwn', 'plain_text'] }, text: { type: 'string', maxLength: 3000 } } } } } },
    },
  },
  // Discord webhook: content and/or embeds (colour an int).
  discord: {
    type: 'object', additionalProperties: false, anyOf: [{ required: ['content'] }, { required: ['embeds'] }],
    properties: {
      content: { type: 'string', maxLength: 2000 },
      embeds: {
        type: 'array', maxItems: 10,
        items: {
          type: 'object', additionalProperties: false,
          properties: {
            title: { type: 'string', maxLength: 256 }, description: { type: 'string', maxLength: 4096 }, color: { type: 'integer', minimum: 0, maximum: 0xffffff },
            timestamp: { type: 'string', format: 'date-time' }, footer: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 2048 } } },
          },
        },
      },
      allowed_mentions: { type: 'object' },
    },
  },
  // Teams Workflows: a message whose attachments are Adaptive Cards only.
  teams: {
    type: 'object', required: ['type', 'attachments'], additionalProperties: false,
    properties: {
      type: { const: 'message' },
      attachments: {
        type: 'array', minItems: 1,
        items: {
          type: 'object', required: ['contentType', 'content'],
          properties: {
            contentType: { const: 'application/vnd.microsoft.card.adaptive' },
            contentUrl: { type: 'null' },
            content: { type: 'object', required: ['type', 'version', 'body'], properties: { type: { const: 'AdaptiveCard' }, version: { type: 'string' }, body: { type: 'array', minItems: 1, items: { type: 'object', required: ['type'] } } } },
          },
        },
      },
    },
  },
  // PagerDuty Events API v2.
  pagerduty: {
    type: 'object', required: ['routing_key', 'event_action', 'dedup_key', 'payload'],
    properties: {
      routing_key: { type: 'string', minLength: 1 },
      event_action: { enum: ['trigger', 'resolve'] },
      dedup_key: { type: 'string', minLength: 1, maxLength: 255 },
      payload: {
        type: 'object', required: ['summary', 'source', 'severity'],
        properties: { summary: { type: 'string', minLength: 1, maxLength: 1024 }, source: { type: 'string', minLength: 1 }, severity: { enum: ['critical', 'error', 'warning', 'info'] }, timestamp: { type: 'string', format: 'date-time' }, custom_details: { type: 'object' } },
      },
    },
  },
} as const;

const at = new Date('2026-03-10T16:00:00Z');
const monitor = { id: 'x-app-api', name: 'X app API', componentId: 'app-api', component: 'App (API)', serviceKey: 'x' };
const incident = {
  id: 'inc_1', title: 'X: App (API) down', status: 'investigating', impact: 'critical', origin: 'auto', serviceKey: 'x', startedAt: at.toISOString(), resolvedAt: null,
  components: [{ id: 'app-api', name: 'App (API)', status: 'major_outage' }], latestUpdate: 'Automatic: X app API is down (HTTP 503 <html>).',
} satisfies IncidentEventData['incident'];
const maintenance = { id: 'mnt_1', title: 'Database upgrade', body: '', scheduledFor: at.toISOString(), scheduledUntil: new Date(at.getTime() + 3600_000).toISOString(), componentIds: ['app-api'] };
const DATA: { [T in AlertEventType]: AlertEventDataByType[T] } = {
  'incident.opened': { incident },
  'incident.updated': { incident: { ...incident, status: 'identified' }, reminder: false },
  'incident.resolved': { incident: { ...incident, status: 'resolved', resolvedAt: at.toISOString() } },
  'monitor.down': { monitor, status: 'down', previousStatus: 'up', reason: 'HTTP 503, expected 200', errorClass: 'http_status', inMaintenance: false },
  'monitor.degraded': { monitor, status: 'degraded', previousStatus: 'up', reason: 'responded in 4200 ms, above 3000 ms', errorClass: null, inMaintenance: false },
  'monitor.recovered': { monitor, status: 'up', previousStatus: 'down', reason: null, errorClass: null, inMaintenance: false },
  'maintenance.started': { maintenance },
  'maintenance.completed': { maintenance },
  'certificate.expiring': { monitor, threshold: 'warn', expiresAt: new Date(at.getTime() + 10 * 86400_000).toISOString(), daysLeft: 10, inMaintenance: false },
  'location.offline': { location: { id: 'us-east', name: 'US East' }, health: 'offline', previousHealth: 'online', lastSeenAt: at.toISOString() },
  'location.impaired': { location: { id: 'us-east', name: 'US East' }, health: 'impaired', previousHealth: 'online', lastSeenAt: at.toISOString() },
  'location.recovered': { location: { id: 'us-east', name: 'US East' }, health: 'online', previousHealth: 'offline', lastSeenAt: at.toISOString() },
  'endpoint.test': { endpoint: { id: 'ep_1', name: 'On-call Slack' }, requestedBy: 'oncall' },
  'reports.spike': {
    source: 'reports', confirmed: false, component: { id: 'app-api', name: 'App (API)', serviceKey: 'x' }, summary: 'Users are reporting problems with App (API)',
    startedAt: at.toISOString(), networks: 200, threshold: 10, usual: 0, reports: 500, categories: { 'won-t-load': 400, other: 100 },
  },
};
const events = ALERT_EVENT_TYPES.map((type, i) => alertEvent(type, `evt_${i}`, at, DATA[type]) as AlertEvent);
const ctx: ChannelContext = { secrets: ['R0UTINGKEY0123456789abcdef012345'], now: at, componentName: (id) => (id === 'app-api' ? 'App (API)' : id) };
const kinds = ['slack', 'discord', 'teams', 'pagerduty'] as const;

describe('chat and paging formats', () => {
  it.each(kinds.flatMap((kind) => events.map((e) => [kind, e.type, e] as const)))('%s renders %s to its documented shape', async (kind, _type, event) => {
    const req = await CHANNELS[kind].render(event, ctx);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    const validate = ajv.compile(SCHEMAS[kind]);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schemas reject what the services reject', () => {
    expect(ajv.validate(SCHEMAS.slack, { blocks: [] })).toBe(false);
    expect(ajv.validate(SCHEMAS.discord, { embeds: [{ color: '#ff0000' }] })).toBe(false);
    expect(ajv.validate(SCHEMAS.discord, {})).toBe(false);
    expect(ajv.validate(SCHEMAS.teams, { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }] })).toBe(false);
    expect(ajv.validate(SCHEMAS.pagerduty, { routing_key: 'k', event_action: 'trigger', dedup_key: 'd', payload: { summary: 's', source: 'x', severity: 'fatal' } })).toBe(false);
  });

  it('PagerDuty: a stable dedup_key per monitor, trigger on down, resolve on recovery', async () => {
    const render = async (type: AlertEventType) => JSON.parse((await CHANNELS.pagerduty.render(events.find((e) => e.type === type)!, ctx)).body);
    const [down, degraded, up] = await Promise.all([render('monitor.down'), render('monitor.degraded'), render('monitor.recovered')]);
    expect([down.event_action, degraded.event_action, up.event_action]).toEqual(['trigger', 'trigger', 'resolve']);
    expect(new Set([down.dedup_key, degraded.dedup_key, up.dedup_key]).size).toBe(1);
    expect(down).toMatchObject({ routing_key: ctx.secrets[0], payload: { severity: 'critical' } });
    expect(CHANNELS.pagerduty.defaultEvents).toEqual(['monitor.down', 'monitor.degraded', 'monitor.recovered']);
  });

  it('Slack escapes its control characters; Discord never pings', async () => {
    const slack = JSON.parse((await CHANNELS.slack.render(events[0]!, ctx)).body);
    expect(slack.blocks[0].text.text).toContain('&lt;html&gt;');
    const discord = JSON.parse((await CHANNELS.discord.render(events[0]!, ctx)).body);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('chat and paging endpoints, delivered', () => {
  let db: TestDb;
  const receivers: Partial<Record<(typeof kinds)[number], Receiver>> = {};
  const success = { slack: 200, discord: 204, teams: 202, pagerduty: 202 } as const;
  beforeAll(async () => {
    db = await createTestDb(dbTargets()[0]!.url);
    for (const k of kinds) receivers[k] = await startReceiver(() => ({ status: success[k] }));
  });
  afterAll(async () => {
    await Promise.all(Object.values(receivers).map((r) => r.close()));
    await db.drop();
  });

  it('an outage reaches each kind in its format, and each answer counts as delivered', async () => {
    const clock = fakeClock();
    const config = AlertsConfig.parse({
      // Slack's URL (its token is in the path) comes from the environment, as it should in a committed config.
      endpoints: kinds.map((k) => ({ id: k, kind: k, url: k === 'slack' ? { env: 'SLACK_URL' } : `${receivers[k]!.url}/${k}`, ...(k === 'pagerduty' ? { secret: { env: 'PD_KEY' } } : {}) })),
    });
    const env: Record<string, string> = { PD_KEY: 'R0UTINGKEY', SLACK_URL: `${receivers.slack!.url}/slack` };
    await syncMonitors(db.sql, [spec({ id: 'api', url: `http://127.0.0.1:${await closedPort()}/`, group: 'X' })], clock.now());
    await syncAlertEndpoints(db.sql, config, clock.now());
    await runTick(db.sql, clock.now, createAlertingDeps({ sql: db.sql, config, clock: clock.now, log: silentLog, env: (n) => env[n] }));
    for (const k of kinds) {
      const got = receivers[k]!.received;
      expect(got.length, k).toBe(k === 'pagerduty' ? 1 : 2);
      for (const r of got) expect(ajv.validate(SCHEMAS[k], JSON.parse(r.body)), `${k} ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
    expect(JSON.parse(receivers.pagerduty!.received[0]!.body)).toMatchObject({ routing_key: 'R0UTINGKEY', event_action: 'trigger', dedup_key: 'lookout:monitor:api' });
    const log = await listDeliveries(db.sql, { limit: 20 });
    expect(log.map((d) => d.state)).toEqual(Array(7).fill('delivered'));
    const [stored] = await db.sql<{ url: string }[]>`select url from alert_endpoints where id = 'slack'`;
    expect(stored!.url).toBe('env:SLACK_URL');
  });

  it('an endpoint whose URL variable is unset or not a URL fails with a config error naming it, and sends nothing', async () => {
    const clock = fakeClock();
    const other = await createTestDb(dbTargets()[0]!.url);
    try {
      const receiver = await startReceiver(() => ({ status: 200 }));
      const config = AlertsConfig.parse({ endpoints: [
        { id: 'unset', kind: 'slack', url: { env: 'NOT_SET_ANYWHERE' } },
        { id: 'bad', kind: 'discord', url: { env: 'NOT_A_URL' } },
      ] });
      await syncMonitors(other.sql, [spec({ id: 'api', url: `http://127.0.0.1:${await closedPort()}/`, group: 'X' })], clock.now());
      await syncAlertEndpoints(other.sql, config, clock.now());
      await runTick(other.sql, clock.now, createAlertingDeps({ sql: other.sql, config, clock: clock.now, log: silentLog, env: (n) => (n === 'NOT_A_URL' ? 'ftp://example.invalid/x' : undefined) }));
      const log = await listDeliveries(other.sql, { limit: 20 });
      expect(log.length).toBeGreaterThan(0);
      for (const d of log) {
        expect(d.state).toBe('failed');
        expect(d.lastError).toBe(d.endpointId === 'unset' ? 'config: URL environment variable NOT_SET_ANYWHERE is not set' : 'config: URL environment variable NOT_A_URL does not hold an http(s) URL');
      }
      expect(receiver.received).toHaveLength(0);
      await receiver.close();
    } finally {
      await other.drop();
    }
  });
});
