// Zod schemas of the native API: they validate requests and, through @hono/zod-openapi, are the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MONITOR_STATUSES, VERDICTS } from '../../core/statuses.js';
import { MONITOR_TYPES } from '../../core/monitor.js';
import { FAILURE_PHASES } from '../../core/failure-signature.js';
import { LOCATION_HEALTHS, LOCATION_STANDINGS } from '../../core/quorum.js';
import { ERROR_CLASSES } from '../../core/types.js';
import { WINDOW_NAMES, type WindowName as WindowNameType } from '../../core/time.js';
import { hasNoNul, IsoInstant } from '../validators.js';

const Problem = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Invalid request' }),
    status: z.int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().openapi({ description: 'One entry per failing field' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (application/problem+json)' });

const MonitorStatus = z.enum(MONITOR_STATUSES).openapi('MonitorStatus');
const ComponentStatus = z.enum(COMPONENT_STATUSES).openapi('ComponentStatus');
const Verdict = z.enum(VERDICTS);
const WindowName = z.enum(WINDOW_NAMES as [WindowNameType, ...WindowNameType[]]);
const Uptimes = z
  .object(Object.fromEntries(WINDOW_NAMES.map((w) => [w, z.number().min(0).max(1).nullable()])) as Record<string, z.ZodNullable<z.ZodNumber>>)
  .openapi('UptimeWindows', { description: 'Uptime ratio (0..1) per window; null = no data' });

/** Which locations fail, in which phase, with which errors, since when (core/failure-signature.ts). */
export const Signature = z
  .object({
    failing: z.array(z.object({ location: z.string(), name: z.string(), phase: z.enum(FAILURE_PHASES).nullable(), errorClass: z.enum(ERROR_CLASSES).nullable(), statusCode: z.int().nullable(), since: z.iso.datetime().nullable() })),
    passing: z.array(z.object({ location: z.string(), name: z.string() })),
    phases: z.array(z.enum(FAILURE_PHASES)),
    errorClasses: z.array(z.enum(ERROR_CLASSES)),
    statusCodes: z.array(z.int()),
    since: z.iso.datetime().nullable(),
  })
  .openapi('FailureSignature');

/** One location's standing on a monitor: offline or impaired when it cannot vote, its confirmed status otherwise. */
export const MonitorLocation = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(LOCATION_STANDINGS),
    lastCheck: z.iso.datetime().nullable(),
    errorClass: z.enum(ERROR_CLASSES).nullable(),
    statusCode: z.int().nullable(),
    latencyMs: z.number().nullable(),
    since: z.iso.datetime().nullable().openapi({ description: 'When this location\'s current run of failures began' }),
  })
  .openapi('MonitorLocation');

export const Monitor = z
  .object({
    id: z.string(),
    name: z.string(),
    component: z.string().nullable(),
    componentId: z.string(),
    group: z.string().nullable(),
    status: MonitorStatus,
    statusSince: z.iso.datetime().nullable(),
    lastCheck: z
      .object({
        at: z.iso.datetime(),
        ok: z.boolean(),
        verdict: Verdict,
        statusCode: z.int().nullable(),
        latencyMs: z.number().nullable(),
        errorClass: z.enum(ERROR_CLASSES).nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
    type: z.enum(MONITOR_TYPES),
    certificateExpiresAt: z.iso.datetime().nullable().openapi({ description: 'When the TLS certificate last seen expires (https and tls monitors)' }),
    lastBeatAt: z.iso.datetime().nullable().openapi({ description: 'Heartbeat monitors: when the latest beat arrived' }),
    uptime: Uptimes,
    locations: z.array(MonitorLocation).openapi({ description: 'Where the monitor is probed from (config `locations`); empty when this Lookout probes it alone' }),
    signature: Signature.nullable().openapi({ description: 'While some location fails: the failure signature of the latest quorum' }),
  })
  .openapi('Monitor');

export const Component = z
  .object({
    id: z.string(),
    name: z.string(),
    group: z.boolean(),
    groupId: z.string().nullable(),
    status: ComponentStatus,
    hasData: z.boolean().openapi({ description: 'False while none of its monitors has reported' }),
    components: z.array(z.string()).openapi({ description: 'Children of a group (empty otherwise)' }),
    monitors: z.array(z.string()).openapi({ description: 'Monitors reporting into it (a group: its children’s)' }),
    uptime: Uptimes,
  })
  .openapi('Component');

export const Counts = z.object({ up: z.int(), degraded: z.int(), down: z.int(), maintenance: z.int() }).openapi('StatusCounts', {
  description: 'Checks per outcome; maintenance checks are shown, never counted in uptime',
});

export const UptimeReport = z
  .object({
    id: z.string(),
    window: WindowName.nullable().openapi({ description: 'The named window asked for, or null for a from/to range' }),
    from: z.iso.datetime().openapi({ description: 'Start of the window actually counted (rounded down to the hour)' }),
    to: z.iso.datetime().openapi({ description: 'End of the window actually counted (rounded up to the hour)' }),
    uptime: z.number().min(0).max(1).nullable(),
    counts: Counts,
    avgResponseMs: z.number().nullable(),
  })
  .openapi('UptimeReport');

export const SeriesPoint = z
  .object({
    date: z.iso.date(),
    uptime: z.number().min(0).max(1).nullable(),
    counts: Counts,
    avgMs: z.number().nullable(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
  })
  .openapi('DailyPoint');

export const Check = z
  .object({
    id: z.int(),
    at: z.iso.datetime(),
    location: z.string(),
    verdict: Verdict,
    inMaintenance: z.boolean(),
    statusCode: z.int().nullable(),
    attempts: z.int(),
    errorClass: z.enum(ERROR_CLASSES).nullable(),
    error: z.string().nullable(),
    phases: z.object({ dnsMs: z.number().nullable(), connectMs: z.number().nullable(), tlsMs: z.number().nullable(), firstByteMs: z.number().nullable(), totalMs: z.number() }),
  })
  .openapi('Check');

const IncidentUpdate = z
  .object({ id: z.string(), status: z.string(), body: z.string(), at: z.iso.datetime(), approximate: z.boolean() })
  .openapi('IncidentUpdate');

export const Incident = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    impact: z.enum(IMPACTS),
    origin: z.string(),
    startedAt: z.iso.datetime(),
    startedApprox: z.boolean(),
    monitoringAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    resolvedApprox: z.boolean(),
    summary: z.string().nullable(),
    sources: z.array(z.object({ title: z.string(), url: z.string() })),
    components: z.array(z.object({ id: z.string(), name: z.string(), status: ComponentStatus })),
    updates: z.array(IncidentUpdate).openapi({ description: 'Newest first' }),
    signatures: z.array(z.object({ monitorId: z.string(), signature: Signature })).openapi({ description: 'Monitors probed from several locations: each down monitor\'s failure signature when the incident opened' }),
  })
  .openapi('Incident');

export const Location = z
  .object({ id: z.string(), name: z.string(), health: z.enum(LOCATION_HEALTHS), since: z.iso.datetime().nullable(), lastSeenAt: z.iso.datetime().nullable() })
  .openapi('Location');

export const IdParam = z.object({ id: z.string().min(1).max(200).refine(hasNoNul, 'must not contain NUL bytes').openapi({ param: { name: 'id', in: 'path' }, example: 'x-app-api' }) });

/** A window: a named one, or any from/to range (ISO 8601) up to 400 days; the default is the last 24 hours. */
export const WindowQuery = z
  .object({
    window: WindowName.optional().openapi({ param: { name: 'window', in: 'query' }, description: 'Named window ending now (default 24h)' }),
    from: IsoInstant.optional().openapi({ param: { name: 'from', in: 'query' }, example: '2026-03-01T00:00:00Z' }),
    to: IsoInstant.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'Default: now' }),
  })
  .superRefine((q, ctx) => {
    if (q.window && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['window'], message: 'give either window or from/to, not both' });
    if (q.to && !q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is required when to is given' });
    if (q.from && q.to && !(Date.parse(q.from) < Date.parse(q.to))) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    // A window starts in the past (one starting later counts nothing); with the 400-day bound this keeps its
    // rounding to whole hours far from year 9999, past which an instant can no longer be written for Postgres.
    if (q.from && !(Date.parse(q.from) < Date.now())) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be in the past' });
    if (q.from && Date.parse(q.to ?? new Date().toISOString()) - Date.parse(q.from) > 400 * 86400_000) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a range may span at most 400 days' });
  });

export const SeriesQuery = z.object({
  days: z.coerce.number().int().min(1).max(400).default(90).openapi({ param: { name: 'days', in: 'query' }, description: 'UTC days ending today (default 90)' }),
});

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a cursor returned by a previous page').optional().openapi({ param: { name: 'cursor', in: 'query' }, description: '`next` of the previous page' }),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const problem = (description: string) => ({ content: { 'application/problem+json': { schema: Problem } }, description });
