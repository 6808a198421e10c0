import type postgres from 'postgres';

/** Set a monitor's confirmed status directly (the tick is tested elsewhere; these tests are about the mapping). */
export async function setMonitorStatus(sql: postgres.Sql, monitorId: string, status: string, since: Date): Promise<void> {
  // Checked just now (the machine's clock, as probes stamp checks): a status without a recent check reads as no data.
  await sql`update monitor_state set status = ${status}, status_since = ${since.toISOString()}::timestamptz, last_check_at = now(), last_verdict = ${status === 'down' ? 'down' : 'up'} where monitor_id = ${monitorId}`;
}

export interface IncidentFixture {
  id: string;
  title: string;
  status: string;
  impact: string;
  origin?: string;
  serviceKey?: string | null;
  startedAt: Date;
  resolvedAt?: Date | null;
  components: Array<{ id: string; status: string }>;
  updates: Array<{ id: string; status: string; body: string; at: Date; approximate?: boolean }>;
}

/** Insert an incident with its updates and components, as the alerts layer or the seed would. */
export async function insertIncident(sql: postgres.Sql, i: IncidentFixture): Promise<void> {
  const last = i.updates.reduce((a, u) => (u.at > a ? u.at : a), i.startedAt);
  await sql.begin(async (tx) => {
    await tx`insert into incidents (id, title, status, impact, origin, service_key, started_at, resolved_at, created_at, updated_at)
      values (${i.id}, ${i.title}, ${i.status}, ${i.impact}, ${i.origin ?? 'auto'}, ${i.serviceKey ?? null}, ${i.startedAt.toISOString()}::timestamptz,
        ${i.resolvedAt?.toISOString() ?? null}::timestamptz, ${i.startedAt.toISOString()}::timestamptz, ${last.toISOString()}::timestamptz)`;
    for (const c of i.components) await tx`insert into incident_components (incident_id, component_id, status) values (${i.id}, ${c.id}, ${c.status})`;
    for (const u of i.updates) {
      await tx`insert into incident_updates (id, incident_id, status, body, display_at, approximate, created_at, updated_at)
        values (${u.id}, ${i.id}, ${u.status}, ${u.body}, ${u.at.toISOString()}::timestamptz, ${u.approximate ?? false}, ${u.at.toISOString()}::timestamptz, ${u.at.toISOString()}::timestamptz)`;
    }
  });
}

export async function insertMaintenance(sql: postgres.Sql, m: { id: string; title: string; body?: string; from: Date; until: Date; componentIds: string[]; createdAt?: Date }): Promise<void> {
  const created = (m.createdAt ?? m.from).toISOString();
  await sql`insert into maintenances (id, title, body, scheduled_for, scheduled_until, component_ids, created_at, updated_at)
    values (${m.id}, ${m.title}, ${m.body ?? ''}, ${m.from.toISOString()}::timestamptz, ${m.until.toISOString()}::timestamptz,
      ${JSON.stringify(m.componentIds)}::text::jsonb, ${created}::timestamptz, ${created}::timestamptz)`;
}
