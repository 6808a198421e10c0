// History files: incidents from before Lookout watched (e.g. the X outages the default config ships with), kept as
// data beside the config that names them and imported at config sync (src/db/import-history.ts) — not seeded by a
// migration, so a config that names no history gets none.
import { z } from 'zod';
import { isOpenIncidentStatus } from '../core/incident-status.js';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../core/statuses.js';
import { ConfigError, describeIssue } from './parse.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be lowercase letters, digits and dashes (max 100)');
const Time = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset, e.g. "2025-03-10T16:00:00Z"' });

const HistoryUpdate = z
  .object({
    id: Id,
    status: z.enum(INCIDENT_STATUSES),
    at: Time,
    approximate: z.boolean().default(false).describe('The time is known only roughly: the page shows "about"'),
    body: z.string().min(1).max(10_000),
  })
  .strict();

/** A report curve as the sources give it (e.g. Downdetector's, read from press reports). */
const HistoryReports = z
  .object({
    counter: z.string().min(1).max(120).describe('Who counted the reports, e.g. "Downdetector"'),
    approximate: z.boolean().default(true).describe('The figures are known only roughly ("about", "more than")'),
    points: z
      .array(z.object({ at: Time, reports: z.int().min(0).max(100_000_000), label: z.string().min(1).max(200).optional().describe('How the sources put it, e.g. "more than 40,000"') }).strict())
      .min(1)
      .max(500),
    note: z.string().min(1).max(2000).optional(),
    split: z.record(z.string().min(1).max(120), z.number().min(0).max(100)).default({}).describe('Share of reports by component name, in percent, e.g. {"App (API)": 56}'),
    sources: z.array(z.object({ title: z.string().min(1).max(300), url: z.url({ protocol: /^https?$/ }) }).strict()).min(1).max(50),
  })
  .strict()
  .refine((r) => r.points.every((p, i) => i === 0 || Date.parse(p.at) > Date.parse(r.points[i - 1]!.at)), { message: 'points must be in time order', path: ['points'] });

const HistoryIncident = z
  .object({
    id: Id,
    title: z.string().min(1).max(200),
    status: z.enum(INCIDENT_STATUSES),
    impact: z.enum(INCIDENT_IMPACTS),
    startedAt: Time,
    startedApprox: z.boolean().default(false),
    monitoringAt: Time.optional(),
    resolvedAt: Time.optional(),
    resolvedApprox: z.boolean().default(false),
    summary: z.string().max(10_000).optional(),
    sources: z.array(z.object({ title: z.string().min(1).max(300), url: z.url({ protocol: /^https?$/ }) }).strict()).max(50).default([]),
    components: z.record(z.string().min(1).max(120), z.enum(COMPONENT_STATUSES)).describe('Affected components by name, as the config names them, e.g. {"Website": "major_outage"}'),
    reports: HistoryReports.optional().describe('Problem reports during the incident, as the sources give them: drawn on its page'),
    updates: z.array(HistoryUpdate).min(1).max(500),
  })
  .strict()
  .superRefine((i, ctx) => {
    if (!isOpenIncidentStatus(i.status) && !i.resolvedAt) ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: `a ${i.status} incident needs resolvedAt` });
    if (i.resolvedAt && Date.parse(i.resolvedAt) < Date.parse(i.startedAt)) ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must not be before startedAt' });
  });

const HistoryFile = z
  .object({
    $schema: z.string().optional(),
    description: z.string().max(2000).optional(),
    incidents: z.array(HistoryIncident).max(10_000),
  })
  .strict()
  .superRefine((h, ctx) => {
    const incidents = new Set<string>();
    const updates = new Set<string>();
    h.incidents.forEach((i, n) => {
      if (incidents.has(i.id)) ctx.addIssue({ code: 'custom', path: ['incidents', n, 'id'], message: `duplicate incident id "${i.id}"` });
      incidents.add(i.id);
      i.updates.forEach((u, m) => {
        if (updates.has(u.id)) ctx.addIssue({ code: 'custom', path: ['incidents', n, 'updates', m, 'id'], message: `duplicate update id "${u.id}"` });
        updates.add(u.id);
      });
    });
  });

type HistoryIncident = z.output<typeof HistoryIncident>;

/** A validated history file and where it came from (for messages). */
export interface ImportedHistory {
  source: string;
  incidents: HistoryIncident[];
}

/** Validate a parsed history document; every problem is reported at once, naming the file, incident and field. */
export function parseHistory(doc: unknown, source: string): ImportedHistory {
  const parsed = HistoryFile.safeParse(doc);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map((issue) => describeIssue(issue, doc)), 'history');
  return { source, incidents: parsed.data.incidents };
}

/** Parse history text (JSON); a syntax error is reported with the source name too. */
export function parseHistoryText(text: string, source: string): ImportedHistory {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(source, [`not valid JSON: ${(err as Error).message}`], 'history');
  }
  return parseHistory(doc, source);
}
