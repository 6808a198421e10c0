// "Send test event": one endpoint.test event for one endpoint, queued like any delivery (signed, retried, logged)
// and sent by the next tick's deliveries. It is fanned out by hand to that endpoint only, never to the others.
import type postgres from 'postgres';
import { alertEvent } from '../core/alert-events.js';
import { ConflictError, NotFoundError } from './admin-errors.js';
import { insertOutboxEvents } from './alert-store.js';

export async function queueTestEvent(sql: postgres.Sql, endpointId: string, requestedBy: string, now: Date, newId: (prefix: string) => string): Promise<string> {
  const eventId = newId('evt');
  await sql.begin(async (tx) => {
    const [ep] = await tx<{ id: string; name: string; disabled_at: Date | null }[]>`select id, name, disabled_at from alert_endpoints where id = ${endpointId}`;
    if (!ep) throw new NotFoundError('alert endpoint', endpointId);
    if (ep.disabled_at) throw new ConflictError('the endpoint is disabled; re-create or re-enable it first');
    await insertOutboxEvents(tx, [alertEvent('endpoint.test', eventId, now, { endpoint: { id: ep.id, name: ep.name }, requestedBy })]);
    await tx`update alert_outbox set fanned_out_at = ${now.toISOString()}::timestamptz where id = ${eventId}`;
    await tx`insert into alert_deliveries (event_id, endpoint_id, state, next_attempt_at, created_at)
      values (${eventId}, ${endpointId}, 'pending', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`;
  });
  return eventId;
}
