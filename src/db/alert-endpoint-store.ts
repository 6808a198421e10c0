import type postgres from 'postgres';

/** A secret as stored: a literal (admin API) or the name of an environment variable (config file). */
export type StoredSecret = string | { env: string };

export interface NewEndpoint {
  id: string;
  name: string;
  kind: string;
  url: string;
  secrets: StoredSecret[];
  events: string[];
}

export interface EndpointRow extends NewEndpoint {
  origin: string;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

/**
 * Make the config's endpoints the 'config' endpoints in the database: add and update them, delete the ones no
 * longer listed (their delivery log stays). An endpoint a receiver disabled (410) stays disabled unless its URL
 * changed. Endpoints created through the admin API are left alone.
 */
export async function syncConfigEndpoints(sql: postgres.Sql, endpoints: readonly NewEndpoint[], now: Date): Promise<void> {
  const at = now.toISOString();
  await sql.begin(async (tx) => {
    if (endpoints.length) {
      await tx`
        insert into alert_endpoints (id, name, kind, url, secrets, events, origin, created_at, updated_at)
        select id, name, kind, url, secrets, events, 'config', ${at}::timestamptz, ${at}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(endpoints)}::text::jsonb) as t(id text, name text, kind text, url text, secrets jsonb, events jsonb)
        on conflict (id) do update set name = excluded.name, kind = excluded.kind, url = excluded.url, secrets = excluded.secrets,
          events = excluded.events, origin = 'config', updated_at = excluded.updated_at,
          disabled_at = case when alert_endpoints.url = excluded.url then alert_endpoints.disabled_at end,
          disabled_reason = case when alert_endpoints.url = excluded.url then alert_endpoints.disabled_reason end`;
    }
    const removed = await tx<{ id: string }[]>`delete from alert_endpoints where origin = 'config'
      and id not in (select jsonb_array_elements_text(${JSON.stringify(endpoints.map((e) => e.id))}::text::jsonb)) returning id`;
    // What was still queued for a removed endpoint will never be sent: say so in the log rather than leave it pending.
    if (removed.length) {
      await tx`update alert_deliveries set state = 'disabled', lease_until = null where state = 'pending'
        and endpoint_id in (select jsonb_array_elements_text(${JSON.stringify(removed.map((r) => r.id))}::text::jsonb))`;
    }
  });
}

interface RawEndpoint { id: string; name: string; kind: string; url: string; secrets: StoredSecret[]; events: string[]; origin: string; disabled_at: Date | null; disabled_reason: string | null; created_at: Date }

function toEndpoint(r: RawEndpoint): EndpointRow {
  return { id: r.id, name: r.name, kind: r.kind, url: r.url, secrets: r.secrets, events: r.events, origin: r.origin, disabledAt: r.disabled_at, disabledReason: r.disabled_reason, createdAt: r.created_at };
}

/** Create an endpoint and return it as stored; null when the id is taken. */
export async function createEndpoint(sql: postgres.Sql, e: NewEndpoint, now: Date): Promise<EndpointRow | null> {
  const [row] = await sql<RawEndpoint[]>`
    insert into alert_endpoints (id, name, kind, url, secrets, events, origin, created_at, updated_at)
    values (${e.id}, ${e.name}, ${e.kind}, ${e.url}, ${JSON.stringify(e.secrets)}::text::jsonb, ${JSON.stringify(e.events)}::text::jsonb,
      'manual', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (id) do nothing
    returning id, name, kind, url, secrets, events, origin, disabled_at, disabled_reason, created_at`;
  return row ? toEndpoint(row) : null;
}

export async function listEndpoints(sql: postgres.Sql): Promise<EndpointRow[]> {
  const rows = await sql<RawEndpoint[]>`
    select id, name, kind, url, secrets, events, origin, disabled_at, disabled_reason, created_at from alert_endpoints order by created_at, id`;
  return rows.map(toEndpoint);
}

/** Delete an endpoint and its queued deliveries; delivered/failed rows stay in the log. */
export async function deleteEndpoint(sql: postgres.Sql, id: string): Promise<boolean> {
  return sql.begin(async (tx) => {
    const r = await tx`delete from alert_endpoints where id = ${id}`;
    await tx`update alert_deliveries set state = 'disabled', lease_until = null where endpoint_id = ${id} and state = 'pending'`;
    return r.count > 0;
  }) as Promise<boolean>;
}
