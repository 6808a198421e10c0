// The single source of truth for the database. Migrations in drizzle/ are generated from this file
// (`npm run db:generate`) and applied on start; there is no DDL anywhere else.
import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Public components (e.g. "App (API)", "Website") and their groups. */
export const components = pgTable('components', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  groupId: text('group_id'),
  isGroup: boolean('is_group').notNull().default(false),
  position: integer('position').notNull().default(0),
  description: text('description'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  removedAt: tz('removed_at'),
});

/** Monitors as synced from the config file. Removed monitors are kept (removed_at) so their history stays. */
export const monitors = pgTable('monitors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  componentId: text('component_id').notNull(),
  spec: jsonb('spec').notNull(),
  specHash: text('spec_hash').notNull(),
  intervalSeconds: integer('interval_seconds').notNull(),
  position: integer('position').notNull().default(0),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  removedAt: tz('removed_at'),
});

/** Current state per monitor: confirmed status, streaks, schedule and lease, last check. */
export const monitorState = pgTable('monitor_state', {
  monitorId: text('monitor_id').primaryKey(),
  status: text('status').notNull().default('unknown'),
  statusSince: tz('status_since'),
  failStreak: integer('fail_streak').notNull().default(0),
  okStreak: integer('ok_streak').notNull().default(0),
  nextCheckAt: tz('next_check_at').notNull().defaultNow(),
  leaseOwner: text('lease_owner'),
  leaseUntil: tz('lease_until'),
  lastCheckAt: tz('last_check_at'),
  lastVerdict: text('last_verdict'),
  lastStatusCode: integer('last_status_code'),
  lastLatencyMs: real('last_latency_ms'),
  lastErrorClass: text('last_error_class'),
  lastError: text('last_error'),
  firstFailureAt: tz('first_failure_at'),
  certExpiresAt: tz('cert_expires_at'),
  checksTotal: integer('checks_total').notNull().default(0),
  failuresTotal: integer('failures_total').notNull().default(0),
  /** Monitors probed from several locations: the failure signature of the latest quorum (core/failure-signature.ts). */
  signature: jsonb('signature'),
}, (t) => [index('monitor_state_due_idx').on(t.nextCheckAt)]);

/**
 * Raw check results: one row per monitor, location and interval (re-probes in a tick are folded into `attempts`).
 * The table is most of the database (bench:steady), so it carries one b-tree, its key, which also serves the only
 * read of raw checks (a monitor's newest first), and a BRIN index on `at` for the retention's deletes: checks arrive
 * in time order, so a few ranges per megabyte find the old ones.
 */
export const checks = pgTable('checks', {
  /** A number per check for API clients; not indexed, nothing looks a check up by it. */
  id: bigserial('id', { mode: 'number' }).notNull(),
  monitorId: text('monitor_id').notNull(),
  at: tz('at').notNull(),
  location: text('location').notNull().default('default'),
  verdict: text('verdict').notNull(),
  inMaintenance: boolean('in_maintenance').notNull().default(false),
  statusCode: integer('status_code'),
  latencyMs: real('latency_ms').notNull(),
  dnsMs: real('dns_ms'),
  connectMs: real('connect_ms'),
  tlsMs: real('tls_ms'),
  firstByteMs: real('first_byte_ms'),
  errorClass: text('error_class'),
  error: text('error'),
  attempts: smallint('attempts').notNull().default(1),
  certExpiresAt: tz('cert_expires_at'),
  /**
   * The interval slot the check answers: the monitor's due time when it was claimed (a check recorded without a
   * claim, e.g. by a loader, answers its own `at`). Delivery through a Queue is at least once, so (monitor, slot,
   * location) is the key and a second recording of one slot inserts nothing.
   */
  slot: tz('slot').notNull(),
}, (t) => [
  primaryKey({ name: 'checks_pkey', columns: [t.monitorId, t.slot, t.location] }),
  index('checks_at_brin').using('brin', t.at),
]);

/** Per monitor per bucket counters; `hist` counts latencies in the fixed buckets of core/latency.ts. */
const rollupColumns = {
  monitorId: text('monitor_id').notNull(),
  bucket: tz('bucket').notNull(),
  up: integer('up').notNull().default(0),
  degraded: integer('degraded').notNull().default(0),
  down: integer('down').notNull().default(0),
  maintenance: integer('maintenance').notNull().default(0),
  latencySum: doublePrecision('latency_sum').notNull().default(0),
  latencyCount: integer('latency_count').notNull().default(0),
  latencyMin: real('latency_min'),
  latencyMax: real('latency_max'),
  hist: integer('hist').array().notNull().default(sql`'{}'::int[]`),
};
export const rollupsHourly = pgTable('rollups_hourly', rollupColumns, (t) => [primaryKey({ columns: [t.monitorId, t.bucket] })]);
export const rollupsDaily = pgTable('rollups_daily', rollupColumns, (t) => [primaryKey({ columns: [t.monitorId, t.bucket] })]);

/**
 * Per monitor × location (config `locations`): the location's own confirmation state, schedule and lease — each
 * location probes on its own clock and confirms on its own — and its latest report, which the quorum reads.
 */
export const locationState = pgTable('location_state', {
  monitorId: text('monitor_id').notNull(),
  location: text('location').notNull(),
  status: text('status').notNull().default('unknown'),
  failStreak: integer('fail_streak').notNull().default(0),
  okStreak: integer('ok_streak').notNull().default(0),
  firstFailureAt: tz('first_failure_at'),
  nextCheckAt: tz('next_check_at').notNull().defaultNow(),
  leaseOwner: text('lease_owner'),
  leaseUntil: tz('lease_until'),
  lastCheckAt: tz('last_check_at'),
  lastVerdict: text('last_verdict'),
  lastStatusCode: integer('last_status_code'),
  lastLatencyMs: real('last_latency_ms'),
  lastErrorClass: text('last_error_class'),
  lastError: text('last_error'),
  certExpiresAt: tz('cert_expires_at'),
}, (t) => [primaryKey({ columns: [t.monitorId, t.location] }), index('location_state_due_idx').on(t.location, t.nextCheckAt)]);

/** The configured locations and their health (online, offline, impaired: core/quorum.ts), for on-call and the page. */
export const locations = pgTable('locations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
  health: text('health').notNull().default('online'),
  healthSince: tz('health_since'),
  /** The latest round's verdict on the location's own network (its control probe and every probe failing to connect). */
  impaired: boolean('impaired').notNull().default(false),
  lastSeenAt: tz('last_seen_at'),
  addedAt: tz('added_at').notNull().defaultNow(),
  removedAt: tz('removed_at'),
});

/** Per monitor × location per hour: the locations' own counts and latency (the monitor's uptime is the quorum's). */
export const rollupsLocationHourly = pgTable('rollups_location_hourly', { ...rollupColumns, location: text('location').notNull() },
  (t) => [primaryKey({ columns: [t.monitorId, t.location, t.bucket] })]);

/** Incidents: automatic (from monitors), manual (admin API) or imported history (seeded). */
export const incidents = pgTable('incidents', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  impact: text('impact').notNull(),
  origin: text('origin').notNull().default('manual'),
  /** For automatic incidents: the service they are about, so one outage is one incident. */
  serviceKey: text('service_key'),
  startedAt: tz('started_at').notNull(),
  startedApprox: boolean('started_approx').notNull().default(false),
  monitoringAt: tz('monitoring_at'),
  resolvedAt: tz('resolved_at'),
  resolvedApprox: boolean('resolved_approx').notNull().default(false),
  summary: text('summary'),
  sources: jsonb('sources').notNull().default(sql`'[]'::jsonb`),
  evidence: jsonb('evidence'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [
  index('incidents_started_idx').on(t.startedAt.desc()),
  // One open automatic incident per service: the database enforces "one outage is one incident".
  uniqueIndex('incidents_one_open_per_service').on(t.serviceKey).where(sql`resolved_at IS NULL AND service_key IS NOT NULL`),
]);

export const incidentUpdates = pgTable('incident_updates', {
  id: text('id').primaryKey(),
  incidentId: text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  body: text('body').notNull(),
  displayAt: tz('display_at').notNull(),
  approximate: boolean('approximate').notNull().default(false),
  /** The token (by name) that posted it: shown to operators in the console, never on the public page. */
  author: text('author'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.displayAt.desc())]);

export const incidentComponents = pgTable('incident_components', {
  incidentId: text('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  componentId: text('component_id').notNull(),
  status: text('status').notNull(),
}, (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })]);

export const maintenances = pgTable('maintenances', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  scheduledFor: tz('scheduled_for').notNull(),
  scheduledUntil: tz('scheduled_until').notNull(),
  componentIds: jsonb('component_ids').notNull().default(sql`'[]'::jsonb`),
  origin: text('origin').notNull().default('manual'),
  /** Set for an occurrence of a recurring window (maintenance_schedules), expanded by the tick. */
  scheduleId: text('schedule_id'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Alert events, written in the same transaction as the state change that caused them. */
export const alertOutbox = pgTable('alert_outbox', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: tz('created_at').notNull(),
  fannedOutAt: tz('fanned_out_at'),
}, (t) => [index('alert_outbox_pending_idx').on(t.createdAt).where(sql`fanned_out_at IS NULL`)]);

export const alertEndpoints = pgTable('alert_endpoints', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  url: text('url').notNull(),
  secrets: jsonb('secrets').notNull().default(sql`'[]'::jsonb`),
  headers: jsonb('headers').notNull().default(sql`'{}'::jsonb`),
  events: jsonb('events').notNull().default(sql`'[]'::jsonb`),
  origin: text('origin').notNull().default('manual'),
  disabledAt: tz('disabled_at'),
  disabledReason: text('disabled_reason'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/**
 * One row per (event, endpoint): the delivery log and the retry queue at once. `state`: pending (queued or
 * waiting for its next attempt at next_attempt_at), delivered (a 2xx), failed (a non-retryable answer, or the
 * retry schedule ran out), disabled (the endpoint answered 410 or was deleted). `attempts` counts requests made;
 * last_status/last_error describe the latest one (last_status null: no HTTP answer).
 */
export const alertDeliveries = pgTable('alert_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  eventId: text('event_id').notNull(),
  endpointId: text('endpoint_id').notNull(),
  state: text('state').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: tz('next_attempt_at').notNull(),
  lastAttemptAt: tz('last_attempt_at'),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  leaseUntil: tz('lease_until'),
  createdAt: tz('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('alert_deliveries_event_endpoint').on(t.eventId, t.endpointId),
  index('alert_deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
]);

/**
 * The incident state machine's memory per service (core/incident.ts): which status each monitor was last
 * announced with, and the open automatic incident. Read and written in the tick's transaction, row-locked.
 */
export const alertServiceState = pgTable('alert_service_state', {
  serviceKey: text('service_key').primaryKey(),
  state: jsonb('state').notNull(),
  incidentId: text('incident_id'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Small key/value facts, e.g. the hash of the last synced config. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/**
 * Named API tokens (console or config). Only the SHA-256 of a token is kept: the token is shown once, at creation.
 * A revoked token stays (its name is in the audit log) and stops working at once.
 */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope').notNull(),
  tokenHash: text('token_hash').notNull(),
  /** 'console' (made in the console or the API) or 'config' (the config file's `tokens`, synced). */
  origin: text('origin').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastUsedAt: tz('last_used_at'),
  revokedAt: tz('revoked_at'),
}, (t) => [uniqueIndex('api_tokens_name_key').on(t.name), uniqueIndex('api_tokens_hash_key').on(t.tokenHash)]);

/**
 * Every write made through the admin API or the console, with the name of the token that made it. The row is written
 * before the write runs (status null: under way, or the process stopped before it answered), completed with the
 * answer, and removed when the write was refused (a 4xx changes nothing) — so no write is ever unrecorded.
 */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: tz('at').notNull(),
  tokenName: text('token_name').notNull(),
  /** How it came: 'api' (bearer token) or 'console' (a session signed in with that token). */
  via: text('via').notNull(),
  method: text('method').notNull(),
  route: text('route').notNull(),
  target: text('target'),
  status: integer('status'),
}, (t) => [index('audit_log_at_idx').on(t.at.desc())]);

/**
 * Console sessions: the SHA-256 of the cookie's value, the hash of the token signed in with (a revoked token ends
 * its sessions at once), the CSRF token every form carries, and an absolute expiry. Sign-out sets ended_at.
 */
export const adminSessions = pgTable('admin_sessions', {
  idHash: text('id_hash').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  csrf: text('csrf').notNull(),
  createdAt: tz('created_at').notNull(),
  expiresAt: tz('expires_at').notNull(),
  endedAt: tz('ended_at'),
});

/**
 * Recurring maintenance windows: an RFC 5545 rule (FREQ=WEEKLY;BYDAY=SU) at a local time in a named zone; the tick
 * expands the coming occurrences into maintenances rows (schedule_id), each once.
 */
export const maintenanceSchedules = pgTable('maintenance_schedules', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  componentIds: jsonb('component_ids').notNull().default(sql`'[]'::jsonb`),
  rule: text('rule').notNull(),
  timeZone: text('time_zone').notNull(),
  /** The first day (local, YYYY-MM-DD) and the local start time (HH:MM) of the series. */
  startsOn: text('starts_on').notNull(),
  localTime: text('local_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  /** Occurrences starting before this were expanded already: one cancelled by hand is not made again. */
  expandedUntil: tz('expanded_until'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  cancelledAt: tz('cancelled_at'),
});

/**
 * Visitor problem reports, as counts per component × category × minute (one upsert per flush): no address, no
 * digest, nothing about who reported. `sources` counts network prefixes new in their 15 minutes (src/reports/).
 */
export const reportCounts = pgTable('report_counts', {
  componentId: text('component_id').notNull(),
  category: text('category').notNull(),
  minute: tz('minute').notNull(),
  reports: integer('reports').notNull(),
  sources: integer('sources').notNull(),
}, (t) => [primaryKey({ columns: [t.componentId, t.minute, t.category] }), index('report_counts_minute_idx').on(t.minute)]);

/**
 * Spikes of reports per component (src/reports/fuse.ts): open while `ended_at` is null — a notice on the page and a
 * `reports.spike` event while the probes say up, evidence on `incident_id` while they confirm an outage.
 */
export const reportSpikes = pgTable('report_spikes', {
  id: text('id').primaryKey(),
  componentId: text('component_id').notNull(),
  startedAt: tz('started_at').notNull(),
  endedAt: tz('ended_at'),
  /** The most distinct reporting networks in one 15-minute window, and the threshold it crossed. */
  peakSources: integer('peak_sources').notNull(),
  threshold: integer('threshold').notNull(),
  /** Reports counted since the start, and by category: { "won-t-load": 12, … }. */
  reports: integer('reports').notNull(),
  categories: jsonb('categories').notNull().default(sql`'{}'::jsonb`),
  incidentId: text('incident_id'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('report_spikes_one_open_per_component').on(t.componentId).where(sql`ended_at IS NULL`),
  index('report_spikes_incident_idx').on(t.incidentId),
]);

/**
 * Batches of report counts already written: a batch retried after a failure that happened after all (the answer
 * lost, a Worker gone between writing and confirming) is not added twice. Kept for a day.
 */
export const reportFlushes = pgTable('report_flushes', {
  id: text('id').primaryKey(),
  flushedAt: tz('flushed_at').notNull(),
}, (t) => [index('report_flushes_flushed_idx').on(t.flushedAt)]);

/** Report curves of imported incidents, as their sources give them (history files' `reports`). */
export const incidentReportCurves = pgTable('incident_report_curves', {
  incidentId: text('incident_id').primaryKey(),
  curve: jsonb('curve').notNull(),
});
