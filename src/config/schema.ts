import { z } from 'zod';
import { ALERT_EVENT_TYPES } from '../core/alert-events.js';
import { STANDARD_WEBHOOKS_SCHEDULE_S } from '../core/delivery-policy.js';
import { DNS_RECORD_TYPES, HTTP_METHODS, MONITOR_TYPES } from '../core/monitor.js';
import { INCIDENT_IMPACTS, OPEN_INCIDENT_STATUSES } from '../core/statuses.js';
import { TOKEN_SCOPES } from '../core/scopes.js';
import { LocationConfig, LocationsOfMonitor, checkLocations } from './locations-schema.js';
import { checkReportComponents, ReportsConfig } from './reports-schema.js';

const EnvRef = z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }).strict();

const HeaderValue = z.union([
  z.string().max(8192),
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }).strict(),
]);

const Assertion = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bodyContains'), value: z.string().min(1) }).strict(),
  z.object({ type: z.literal('bodyNotContains'), value: z.string().min(1) }).strict(),
  z
    .object({
      type: z.literal('jsonPathEquals'),
      path: z.string().regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'must look like $.a.b[0]'),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    })
    .strict(),
]);

const CertificateExpiry = z
  .object({
    warnDays: z.int().min(1).max(365).default(14).describe('Days before expiry at which the monitor is degraded'),
    downDays: z.int().min(0).max(365).default(3).describe('Days before expiry at which the monitor is down'),
  })
  .strict()
  .refine((c) => c.downDays < c.warnDays, { message: 'downDays must be less than warnDays', path: ['downDays'] });

const CertificateExpiryOption = z
  .union([CertificateExpiry, z.literal(false)], { error: 'must be {"warnDays": N, "downDays": N} or false' })
  .optional()
  .describe('TLS certificate expiry thresholds (https and tls monitors; defaults 14 and 3 days); false to only record the expiry');

// What every monitor type shares.
const monitorBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)'),
  name: z.string().min(1).max(120),
  component: z.string().min(1).max(120).describe('The public component this monitor reports into, e.g. "App (API)"'),
  group: z.string().min(1).max(120).optional().describe('Optional group of components, e.g. "X"'),
  timeoutMs: z.int().min(100).max(60000).default(10000),
  interval: z.int().min(10).max(86400).default(60).describe('Seconds between checks'),
  degradedAboveMs: z.int().min(1).max(60000).optional().describe('Latency above which the monitor is degraded'),
  failuresBeforeDown: z.int().min(1).max(10).default(2),
  successesBeforeUp: z.int().min(1).max(10).default(2),
  retryDelay: z.int().min(0).max(60).default(5).describe('Seconds before a failed check is re-probed within the same tick'),
  ...LocationsOfMonitor,
};

const HttpMonitorConfig = z
  .object({
    ...monitorBase,
    type: z.literal('http').default('http').describe('What the monitor probes; "http" when absent'),
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(HTTP_METHODS).default('GET'),
    headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name'), HeaderValue).default({}),
    body: z.string().max(65536).optional(),
    expectedStatus: z.array(z.int().min(100).max(599)).min(1).default([200, 201, 202, 203, 204, 301, 302, 303, 304, 307, 308]),
    assertions: z.array(Assertion).max(20).default([]),
    followRedirects: z.boolean().default(false),
    certificateExpiry: CertificateExpiryOption,
  })
  .strict();

const Hostname = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an IP address');

const TcpMonitorConfig = z
  .object({
    ...monitorBase,
    type: z.literal('tcp'),
    host: Hostname,
    port: z.int().min(1).max(65535),
    send: z.string().min(1).max(4096).optional().describe('Text to send once connected (e.g. "PING\\r\\n")'),
    expect: z.string().min(1).max(4096).optional().describe('Text the answer (or the banner) must contain'),
    tls: z.boolean().default(false).describe('Connect with TLS (the certificate must be trusted)'),
    certificateExpiry: CertificateExpiryOption,
  })
  .strict()
  .refine((m) => m.tls || !m.certificateExpiry, { message: 'needs "tls": true (only a TLS connection has a certificate)', path: ['certificateExpiry'] });

const DnsExpect = z
  .object({
    contains: z.string().min(1).max(1024).optional().describe('One of the answers must be this value'),
    equals: z.array(z.string().min(1).max(1024)).min(1).max(50).optional().describe('The answers must be exactly these, in any order'),
  })
  .strict()
  .refine((e) => (e.contains === undefined) !== (e.equals === undefined), { message: 'must have exactly one of "contains" and "equals"' });

const DnsMonitorConfig = z
  .object({
    ...monitorBase,
    type: z.literal('dns'),
    // Nested: the queried name would otherwise clash with the monitor's own display name.
    dns: z
      .object({
        name: z.string().min(1).max(253).regex(/^[A-Za-z0-9._-]+\.?$/, 'must be a domain name'),
        recordType: z.enum(DNS_RECORD_TYPES),
        resolver: z
          .union([
            z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]|[0-9A-Fa-f:]+)(:\d{1,5})?$/),
            z.url({ protocol: /^https?$/ }),
          ], { error: 'must be a DNS server IP address (optionally with :port) or a DNS-over-HTTPS URL' })
          .optional()
          .describe('A DNS server (Node) or a DNS-over-HTTPS URL (both runtimes); the prober\'s default when absent'),
        expect: DnsExpect,
      })
      .strict(),
  })
  .strict();

// A heartbeat is judged by the tick from the latest beat: nothing to time out, retry or confirm (period + grace is
// the confirmation), so those settings are not accepted.
const { timeoutMs: _t, degradedAboveMs: _d, failuresBeforeDown: _f, successesBeforeUp: _s, retryDelay: _r, locations: _l, quorum: _q, ...heartbeatBase } = monitorBase;

const HeartbeatMonitorConfig = z
  .object({
    ...heartbeatBase,
    type: z.literal('heartbeat'),
    period: z.int().min(10).max(31 * 86400).describe('Seconds between the job\'s runs: a beat is expected at least this often'),
    grace: z.int().min(0).max(7 * 86400).default(60).describe('Seconds a beat may be late before the monitor is down'),
    token: EnvRef.describe('The environment variable holding the secret of the beat URL /api/v1/heartbeats/<token> (at least 16 characters)'),
    interval: z.int().min(10).max(86400).default(60).describe('Seconds between the tick\'s checks of the latest beat'),
  })
  .strict();

export const MonitorConfig = z.discriminatedUnion('type', [HttpMonitorConfig, TcpMonitorConfig, DnsMonitorConfig, HeartbeatMonitorConfig], {
  error: `must be one of ${MONITOR_TYPES.map((t) => `"${t}"`).join(', ')} (or absent for "http")`,
});

export const PageConfig = z
  .object({
    title: z.string().min(1).max(120).default('Status'),
    description: z.string().max(500).default(''),
    logo: z.string().max(2048).optional(),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as "America/New_York"')
      .default('UTC'),
    url: z.url().optional(),
    links: z.array(z.object({ label: z.string().min(1).max(60), url: z.url() }).strict()).max(10).default([]),
    components: z.array(z.string().min(1)).optional().describe('Components to show, in order; all when absent'),
  })
  .strict();

const Impact = z.enum(INCIDENT_IMPACTS);

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'teams', 'pagerduty'] as const;

export const AlertEndpointConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)'),
    name: z.string().min(1).max(120).optional(),
    kind: z.enum(ALERT_CHANNEL_KINDS),
    url: z.union([z.url({ protocol: /^https?$/ }), EnvRef], { error: 'must be an http(s) URL or {"env": "NAME"}' }).describe('The URL, or {"env": "NAME"} to read it from the environment at delivery (chat webhook URLs carry their token)'),
    secret: EnvRef.optional().describe('webhook: the whsec_ signing secret; pagerduty: the routing key. Read from the environment at delivery'),
    events: z.array(z.enum(ALERT_EVENT_TYPES)).max(ALERT_EVENT_TYPES.length).optional().describe('Events to send; the channel default when absent'),
  })
  .strict();

export const AlertsConfig = z
  .object({
    endpoints: z.array(AlertEndpointConfig).max(100).default([]),
    impact: z.record(z.string().min(1), Impact).default({}).describe('Incident impact when a component (by name) is down, e.g. {"App (API)": "critical", "Website": "major"}'),
    defaultImpact: Impact.default('major').describe('Impact when a down component is not named in "impact"'),
    resolveAfter: z.int().min(0).max(86400).default(180).describe('Seconds a recovery must hold before it is announced and the incident resolved (flap damping)'),
    reminderInterval: z.int().min(60).max(7 * 86400).optional().describe('Seconds between reminders while an incident stays open; no reminders when absent'),
    retrySchedule: z.array(z.int().min(0).max(7 * 86400)).min(1).max(30).default([...STANDARD_WEBHOOKS_SCHEDULE_S]).describe('Seconds before each delivery attempt (the first is usually 0)'),
  })
  .strict();

const ApiTokenConfig = z
  .object({
    name: z.string().min(1).max(80).regex(/^[\w .@-]+$/, 'letters, digits, spaces and . _ @ - only').describe('Shown in the audit log and on incident updates (to operators)'),
    scope: z.enum(TOKEN_SCOPES).describe('read: look only; incidents: incidents and maintenance too; admin: everything (endpoints, tokens)'),
    token: EnvRef.describe('The environment variable holding the token (at least 16 characters); only its hash is stored'),
  })
  .strict();

const IncidentTemplateConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)'),
    label: z.string().min(1).max(60),
    title: z.string().min(1).max(200),
    status: z.enum(OPEN_INCIDENT_STATUSES).default('investigating'),
    impact: Impact.default('minor'),
    body: z.string().min(1).max(10_000),
  })
  .strict();

export const LookoutConfig = z
  .object({
    $schema: z.string().optional(),
    page: PageConfig.default(PageConfig.parse({})),
    alerts: AlertsConfig.default(AlertsConfig.parse({})),
    monitors: z.array(MonitorConfig).max(10000),
    locations: z.array(LocationConfig).min(1).max(50).optional().describe('Places monitors are probed from (agents, Workers regions, this process); absent: this process alone'),
    history: z
      .array(z.string().regex(/^[^\\]+\.json$/, 'must be the path of a .json file, e.g. "history/x.json"'))
      .max(50)
      .default([])
      .describe('History files (incidents from before Lookout watched), relative to this file. Each incident is imported once, by id; one already in the database is left as it is'),
    incidentTemplates: z.array(IncidentTemplateConfig).min(1).max(20).optional().describe('The console\'s templates for a new incident (every field stays editable); built-in ones when absent'),
    tokens: z.array(ApiTokenConfig).max(100).default([]).describe('Named API tokens for the admin API and the console (LOOKOUT_ADMIN_TOKEN stays a bootstrap admin token)'),
    reports: ReportsConfig.default(ReportsConfig.parse({})),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.monitors.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'id'], message: `duplicate monitor id "${m.id}"` });
      seen.add(m.id);
    });
    const tokenNames = new Set<string>();
    cfg.tokens.forEach((t, i) => {
      if (tokenNames.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'name'], message: `duplicate token name "${t.name}"` });
      tokenNames.add(t.name);
    });
    const endpoints = new Set<string>();
    cfg.alerts.endpoints.forEach((e, i) => {
      if (endpoints.has(e.id)) ctx.addIssue({ code: 'custom', path: ['alerts', 'endpoints', i, 'id'], message: `duplicate endpoint id "${e.id}"` });
      endpoints.add(e.id);
      if ((e.kind === 'webhook' || e.kind === 'pagerduty') && !e.secret) {
        ctx.addIssue({ code: 'custom', path: ['alerts', 'endpoints', i, 'secret'], message: `a ${e.kind} endpoint needs a secret ({"env": "NAME"})` });
      }
    });
    checkLocations(cfg, ctx);
    checkReportComponents(cfg.reports, cfg.monitors.map((m) => m.component), ctx);
  });

export type LookoutConfig = z.output<typeof LookoutConfig>;
export type MonitorConfig = z.output<typeof MonitorConfig>;
export type PageConfig = z.output<typeof PageConfig>;
export type AlertsConfig = z.output<typeof AlertsConfig>;
export type AlertEndpointConfig = z.output<typeof AlertEndpointConfig>;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];
