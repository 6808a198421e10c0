import type postgres from 'postgres';
import type { ImportedHistory } from '../config/history.js';
import { componentId } from '../core/ids.js';
import type { ReportCurve } from '../core/report-curve.js';

type Tx = postgres.TransactionSql;

/**
 * Import the incidents of history files (origin 'imported'), in the caller's transaction. An incident is
 * imported once, by id: one the database already holds — imported earlier, or by migration 0001 before history
 * became data — is left exactly as it is, its updates and components included (an operator may have edited it).
 * So importing twice changes nothing. Components the history names are created if missing, as 0001 did, so the
 * history reads right before the first config sync; the sync then owns their names, groups and positions.
 * Returns the number of incidents imported.
 */
export async function importHistoryIn(tx: Tx, history: readonly ImportedHistory[], now: Date): Promise<number> {
  const incidents = history.flatMap((h) => h.incidents.map((i) => ({ ...i, source: h.source })));
  if (!incidents.length) return 0;
  const seen = new Map<string, string>();
  for (const i of incidents) {
    const first = seen.get(i.id);
    // Validation already refused duplicates inside one file; across files the second would silently not import.
    if (first !== undefined) throw new Error(`incident "${i.id}" is in two history files: ${first} and ${i.source}`);
    seen.set(i.id, i.source);
  }
  const at = now.toISOString();

  const names = [...new Set(incidents.flatMap((i) => Object.keys(i.components)))];
  await tx`
    insert into components (id, name, is_group, position, created_at, updated_at)
    select id, name, false, position, ${at}::timestamptz, ${at}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(names.map((name, position) => ({ id: componentId(name), name, position })))}::text::jsonb)
      as t(id text, name text, position int)
    on conflict (id) do nothing`;

  const rows = incidents.map((i) => ({
    id: i.id, title: i.title, status: i.status, impact: i.impact, started_at: i.startedAt, started_approx: i.startedApprox,
    monitoring_at: i.monitoringAt ?? null, resolved_at: i.resolvedAt ?? null, resolved_approx: i.resolvedApprox, summary: i.summary ?? null,
    sources: i.sources,
    // As the incident happened, not as it was imported: created at its start, last updated at its end (or latest update).
    created_at: i.startedAt, updated_at: i.resolvedAt ?? i.updates.map((u) => u.at).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), i.startedAt),
  }));
  // Report curves follow the file (also for an incident imported before curves existed): figures corrected in the
  // history file reach the page. They are the sources' numbers, not anything an operator edits.
  const curves = incidents.flatMap((i) => (i.reports ? [{ incident_id: i.id, curve: toCurve(i.reports) }] : []));
  if (curves.length) {
    await tx`
      insert into incident_report_curves (incident_id, curve)
      select incident_id, curve from jsonb_to_recordset(${JSON.stringify(curves)}::text::jsonb) as t(incident_id text, curve jsonb)
      on conflict (incident_id) do update set curve = excluded.curve`;
  }
  const fresh = new Set((await tx<{ id: string }[]>`
    insert into incidents (id, title, status, impact, origin, started_at, started_approx, monitoring_at, resolved_at, resolved_approx, summary, sources, created_at, updated_at)
    select id, title, status, impact, 'imported', started_at, started_approx, monitoring_at, resolved_at, resolved_approx, summary, sources, created_at, updated_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
      as t(id text, title text, status text, impact text, started_at timestamptz, started_approx boolean, monitoring_at timestamptz,
        resolved_at timestamptz, resolved_approx boolean, summary text, sources jsonb, created_at timestamptz, updated_at timestamptz)
    on conflict (id) do nothing
    returning id`).map((r) => r.id));
  const imported = incidents.filter((i) => fresh.has(i.id));
  if (!imported.length) return 0;

  const links = imported.flatMap((i) => Object.entries(i.components).map(([name, status]) => ({ incident_id: i.id, component_id: componentId(name), status })));
  if (links.length) {
    await tx`
      insert into incident_components (incident_id, component_id, status)
      select incident_id, component_id, status from jsonb_to_recordset(${JSON.stringify(links)}::text::jsonb)
        as t(incident_id text, component_id text, status text)
      on conflict do nothing`;
  }
  const updates = imported.flatMap((i) => i.updates.map((u) => ({ id: u.id, incident_id: i.id, status: u.status, body: u.body, at: u.at, approximate: u.approximate })));
  await tx`
    insert into incident_updates (id, incident_id, status, body, display_at, approximate, created_at, updated_at)
    select id, incident_id, status, body, at, approximate, at, at from jsonb_to_recordset(${JSON.stringify(updates)}::text::jsonb)
      as t(id text, incident_id text, status text, body text, at timestamptz, approximate boolean)
    on conflict (id) do nothing`;
  return imported.length;
}

function toCurve(r: NonNullable<ImportedHistory['incidents'][number]['reports']>): ReportCurve {
  return { ...r, points: r.points.map((p) => ({ ...p, at: Date.parse(p.at) })) };
}

/** importHistoryIn in a transaction of its own: all of the history, or (on any error) none of it. */
export async function importHistory(sql: postgres.Sql, history: readonly ImportedHistory[], now: Date): Promise<number> {
  return sql.begin((tx) => importHistoryIn(tx, history, now)) as Promise<number>;
}
