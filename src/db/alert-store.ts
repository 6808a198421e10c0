import type postgres from 'postgres';
import type { AlertEvent } from '../core/alert-events.js';
import type { DeliveryDecision, DeliveryState } from '../core/delivery-policy.js';

type Sql = postgres.Sql | postgres.TransactionSql;

/** Write events to the outbox; call it in the transaction of the change they announce. Ids are idempotency keys. */
export async function insertOutboxEvents(tx: Sql, events: readonly AlertEvent[]): Promise<void> {
  if (!events.length) return;
  const rows = events.map((e) => ({ id: e.id, type: e.type, payload: e, created_at: e.timestamp }));
  await tx`
    insert into alert_outbox (id, type, payload, created_at)
    select id, type, payload, created_at from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
      as t(id text, type text, payload jsonb, created_at timestamptz)
    on conflict (id) do nothing`;
}

/**
 * Turn outbox events into one delivery per interested endpoint (unique per event and endpoint), then mark them
 * fanned out — one transaction, so a crash in between repeats the fan-out and the unique key absorbs it.
 */
export async function fanOutEvents(sql: postgres.Sql, now: Date, wants: (endpoint: { kind: string; events: string[] }, type: string) => boolean, limit = 500): Promise<number> {
  return sql.begin(async (tx) => {
    const events = await tx<{ id: string; type: string }[]>`
      select id, type from alert_outbox where fanned_out_at is null order by created_at, id limit ${limit} for update skip locked`;
    if (!events.length) return 0;
    const endpoints = await tx<{ id: string; kind: string; events: string[] }[]>`select id, kind, events from alert_endpoints where disabled_at is null`;
    const rows = events.flatMap((e) => endpoints.filter((ep) => wants(ep, e.type)).map((ep) => ({ event_id: e.id, endpoint_id: ep.id })));
    if (rows.length) {
      await tx`
        insert into alert_deliveries (event_id, endpoint_id, state, next_attempt_at, created_at)
        select event_id, endpoint_id, 'pending', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(event_id text, endpoint_id text)
        on conflict (event_id, endpoint_id) do nothing`;
    }
    await tx`update alert_outbox set fanned_out_at = ${now.toISOString()}::timestamptz
      where id in (select jsonb_array_elements_text(${JSON.stringify(events.map((e) => e.id))}::text::jsonb))`;
    return rows.length;
  }) as Promise<number>;
}

export interface DueDelivery {
  id: number;
  attempts: number;
  event: AlertEvent;
  endpoint: { id: string; kind: string; url: string; secrets: Array<string | { env: string }>; headers: Record<string, string> };
}

/**
 * Lease due deliveries. SKIP LOCKED plus the lease keep two schedulers from sending one delivery twice at once;
 * a crashed sender's lease simply expires and the delivery is picked up again (same webhook-id).
 *
 * One endpoint receives its events in order (event time, then fan-out order): a delivery is not due while an
 * earlier one to the same endpoint waits for its retry or is being sent, so an endpoint that was down through an
 * incident gets `incident.opened` before `incident.resolved` once it answers. Rows come back in that order;
 * deliverDueAlerts sends each endpoint's one after another and stops at the first that must be retried. (Two
 * schedulers claiming at the very same instant may still interleave one endpoint's events: the head row they skip
 * as locked is not yet visibly leased.)
 */
export async function claimDueDeliveries(sql: postgres.Sql, now: Date, leaseMs: number, limit: number): Promise<DueDelivery[]> {
  const at = now.toISOString();
  const rows = await sql<{ id: number; attempts: number; payload: AlertEvent; endpoint_id: string; kind: string; url: string; secrets: DueDelivery['endpoint']['secrets']; headers: Record<string, string>; created_at: Date }[]>`
    with due as (
      select d.id from alert_deliveries d join alert_outbox o on o.id = d.event_id
      where d.state = 'pending' and d.next_attempt_at <= ${at}::timestamptz and (d.lease_until is null or d.lease_until < ${at}::timestamptz)
        and not exists (
          select 1 from alert_deliveries p join alert_outbox po on po.id = p.event_id
          where p.endpoint_id = d.endpoint_id and p.state = 'pending' and (po.created_at, p.id) < (o.created_at, d.id)
            and (p.next_attempt_at > ${at}::timestamptz or p.lease_until >= ${at}::timestamptz))
      order by o.created_at, d.id limit ${limit} for update of d skip locked
    )
    update alert_deliveries d set lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
    from due, alert_outbox o, alert_endpoints e
    where d.id = due.id and o.id = d.event_id and e.id = d.endpoint_id and e.disabled_at is null
    returning d.id, d.attempts, o.payload, o.created_at, e.id as endpoint_id, e.kind, e.url, e.secrets, e.headers`;
  return rows
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || Number(a.id) - Number(b.id))
    .map((r) => ({ id: Number(r.id), attempts: r.attempts, event: r.payload, endpoint: { id: r.endpoint_id, kind: r.kind, url: r.url, secrets: r.secrets, headers: r.headers } }));
}

/** Give back leased deliveries that were not attempted (they wait behind an earlier one that must be retried). */
export async function releaseDeliveries(sql: postgres.Sql, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await sql`update alert_deliveries set lease_until = null
    where id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))::bigint) and state = 'pending'`;
}

/** Record one attempt's outcome; a 410 also disables the endpoint and everything still queued for it. */
export async function recordAttempt(
  sql: postgres.Sql,
  d: { id: number; endpointId: string; attempts: number },
  decision: DeliveryDecision,
  result: { status: number | null; error: string | null },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await sql.begin(async (tx) => {
    await tx`
      update alert_deliveries set state = ${decision.state}, attempts = ${d.attempts},
        next_attempt_at = coalesce(${decision.nextAttemptAt?.toISOString() ?? null}::timestamptz, next_attempt_at),
        last_attempt_at = ${at}::timestamptz, last_status = ${result.status}, last_error = ${result.error}, lease_until = null
      where id = ${d.id}`;
    if (decision.disableEndpoint) {
      await tx`update alert_endpoints set disabled_at = ${at}::timestamptz, disabled_reason = 'the receiver answered 410 Gone', updated_at = ${at}::timestamptz
        where id = ${d.endpointId} and disabled_at is null`;
      await tx`update alert_deliveries set state = 'disabled', lease_until = null where endpoint_id = ${d.endpointId} and state = 'pending'`;
    }
  });
}

export interface DeliveryRow {
  id: number;
  eventId: string;
  eventType: string;
  endpointId: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
}

export interface DeliveryFilter {
  state?: DeliveryState;
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  limit: number;
}

/** The delivery log, newest first, filtered. */
export async function listDeliveries(sql: postgres.Sql, f: DeliveryFilter): Promise<DeliveryRow[]> {
  const rows = await sql<{ id: number; event_id: string; type: string; endpoint_id: string; state: DeliveryState; attempts: number; next_attempt_at: Date; last_attempt_at: Date | null; last_status: number | null; last_error: string | null; created_at: Date }[]>`
    select d.id, d.event_id, o.type, d.endpoint_id, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.created_at
    from alert_deliveries d join alert_outbox o on o.id = d.event_id
    where (${f.state ?? null}::text is null or d.state = ${f.state ?? null})
      and (${f.endpointId ?? null}::text is null or d.endpoint_id = ${f.endpointId ?? null})
      and (${f.eventId ?? null}::text is null or d.event_id = ${f.eventId ?? null})
      and (${f.eventType ?? null}::text is null or o.type = ${f.eventType ?? null})
    order by d.created_at desc, d.id desc limit ${f.limit}`;
  return rows.map((r) => ({
    id: Number(r.id), eventId: r.event_id, eventType: r.type, endpointId: r.endpoint_id, state: r.state, attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at, lastAttemptAt: r.last_attempt_at, lastStatus: r.last_status, lastError: r.last_error, createdAt: r.created_at,
  }));
}

/**
 * Queue a delivery again for one more attempt now (same event, so the same webhook-id). `attempts` keeps
 * counting — it is the number of requests ever made, which the metrics read as a counter — so a redelivery that
 * fails again after an exhausted schedule is not retried on its own.
 */
export async function requeueDelivery(sql: postgres.Sql, id: number, now: Date): Promise<'queued' | 'not_found' | 'endpoint_disabled'> {
  const [row] = await sql<{ disabled: boolean }[]>`
    select e.disabled_at is not null as disabled from alert_deliveries d join alert_endpoints e on e.id = d.endpoint_id where d.id = ${id}`;
  if (!row) return 'not_found';
  if (row.disabled) return 'endpoint_disabled';
  await sql`update alert_deliveries set state = 'pending', next_attempt_at = ${now.toISOString()}::timestamptz, lease_until = null where id = ${id}`;
  return 'queued';
}

/**
 * Forget alert events older than `olderThan` whose deliveries are all settled (delivered, failed or disabled),
 * with those deliveries: the outbox and the delivery log would otherwise grow forever. Events still being retried
 * and events not yet fanned out are kept whatever their age. Bounded per call, oldest first.
 */
export async function pruneAlertLog(sql: postgres.Sql, olderThan: Date, batch = 1000): Promise<number> {
  const [row] = await sql<[{ n: number }]>`
    with old as (
      select o.id from alert_outbox o
      where o.created_at < ${olderThan.toISOString()}::timestamptz and o.fanned_out_at is not null
        and not exists (select 1 from alert_deliveries d where d.event_id = o.id and d.state = 'pending')
      order by o.created_at limit ${batch}
    ),
    deliveries as (delete from alert_deliveries d using old where d.event_id = old.id returning 1),
    events as (delete from alert_outbox o using old where o.id = old.id returning 1)
    select (select count(*) from events)::int as n`;
  return row.n;
}
