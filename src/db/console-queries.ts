// What the operator console reads beyond the admin API's queries: the overview and the authors of updates.
import type postgres from 'postgres';

interface LocationCheck {
  location: string;
  at: Date;
  verdict: string;
  statusCode: number | null;
  latencyMs: number;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  errorClass: string | null;
  error: string | null;
}

export interface MonitorOverview {
  id: string;
  name: string;
  component: string;
  status: string;
  statusSince: Date | null;
  /** The latest check from each location (one entry where there is one location). */
  checks: LocationCheck[];
}

/** Every current monitor with its status and the latest check per location (from its 50 newest, by the checks key). */
export async function monitorsOverview(sql: postgres.Sql): Promise<MonitorOverview[]> {
  return sql<MonitorOverview[]>`
    select m.id, m.name, coalesce(c.name, m.component_id) as component, coalesce(s.status, 'unknown') as status, s.status_since as "statusSince",
      coalesce((select json_agg(x order by x.location) from (
        select distinct on (r.location) r.location, r.at, r.verdict, r.status_code as "statusCode", r.latency_ms as "latencyMs", r.dns_ms as "dnsMs",
          r.connect_ms as "connectMs", r.tls_ms as "tlsMs", r.first_byte_ms as "firstByteMs", r.error_class as "errorClass", r.error
        from (select * from checks k where k.monitor_id = m.id order by k.slot desc limit 50) r order by r.location, r.at desc) x), '[]'::json) as checks
    from monitors m left join monitor_state s on s.monitor_id = m.id left join components c on c.id = m.component_id
    where m.removed_at is null order by m.position, m.id`;
}

/** Components an incident or a maintenance can name (groups aside). */
export async function listComponentChoices(sql: postgres.Sql): Promise<Array<{ id: string; name: string }>> {
  return sql<Array<{ id: string; name: string }>>`select id, name from components where removed_at is null and not is_group order by position, name`;
}

/** Who wrote each update of an incident (operators only: the public shapes never carry it). */
export async function updateAuthors(sql: postgres.Sql, incidentId: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; author: string }[]>`select id, author from incident_updates where incident_id = ${incidentId} and author is not null`;
  return new Map(rows.map((r) => [r.id, r.author]));
}

export interface EndpointHealth {
  id: string;
  name: string;
  disabledAt: Date | null;
  disabledReason: string | null;
  failed: number;
  retrying: number;
  lastError: string | null;
}

/** Endpoints that are disabled or whose deliveries failed or are retrying in the last day. */
export async function failingEndpoints(sql: postgres.Sql, now: Date): Promise<EndpointHealth[]> {
  return sql<EndpointHealth[]>`
    select e.id, e.name, e.disabled_at as "disabledAt", e.disabled_reason as "disabledReason",
      count(d.id) filter (where d.state = 'failed')::int as failed,
      count(d.id) filter (where d.state = 'pending' and d.attempts > 0)::int as retrying,
      (array_agg(d.last_error order by d.last_attempt_at desc nulls last) filter (where d.last_error is not null))[1] as "lastError"
    from alert_endpoints e left join alert_deliveries d on d.endpoint_id = e.id and d.created_at > ${now.toISOString()}::timestamptz - interval '1 day'
    group by e.id having e.disabled_at is not null or count(d.id) filter (where d.state = 'failed' or (d.state = 'pending' and d.attempts > 0)) > 0
    order by e.name`;
}
