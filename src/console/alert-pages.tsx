// Alerts in the console: endpoints (secrets and URL tokens masked, as the API shows them), the delivery log with
// filters, redeliver, and "send test event". Writes use the admin API's schemas and stores.
import type { Hono } from 'hono';
import { ALERT_EVENT_TYPES } from '../core/alert-events.js';
import { DELIVERY_STATES } from '../core/delivery-policy.js';
import { ConflictError, NotFoundError } from '../db/admin-errors.js';
import { createEndpoint, deleteEndpoint, listEndpoints } from '../db/alert-endpoint-store.js';
import { listDeliveries, requeueDelivery } from '../db/alert-store.js';
import { queueTestEvent } from '../db/test-event.js';
import { ALERT_CHANNEL_KINDS } from '../config/schema.js';
import { maskSecret, maskUrl } from '../http/admin/mask.js';
import { CreateEndpoint, DeliveryQuery } from '../http/admin/schemas.js';
import { idParam, validate } from '../http/admin/validate.js';
import { field, fields, parseForm, readForm } from './forms.js';
import type { ConsoleDeps } from './index.js';
import { ActionButton, ConsoleLayout, Csrf } from './layout.js';
import { Badge, Scroll, When } from './parts.js';
import { page, seeOther } from './render.js';

export function registerAlertPages(app: Hono, deps: ConsoleDeps): void {
  const tz = deps.page.timeZone;

  app.get('/alerts', async (c) => {
    // Empty filter fields (the form's "any") are absent, not invalid.
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const q = validate(DeliveryQuery, query, '(query)');
    const [endpoints, deliveries] = await Promise.all([
      listEndpoints(deps.sql()), listDeliveries(deps.sql(), { state: q.state, endpointId: q.endpoint, eventType: q.type, eventId: q.event, limit: q.limit }),
    ]);
    const session = c.var.session;
    const admin = session.principal.scope === 'admin';
    const names = new Map(endpoints.map((e) => [e.id, e.name]));
    return page(c, (
      <ConsoleLayout title="Alerts" session={session} current="/admin/alerts">
        <h1>Alerts</h1>
        <section aria-labelledby="h-endpoints">
          <h2 id="h-endpoints">Endpoints</h2>
          {endpoints.length === 0 ? <p>No endpoints.</p> : (
            <Scroll label="Endpoints">
              <table>
                <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">URL</th><th scope="col">Secrets</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  {endpoints.map((e) => (
                    <tr>
                      <th scope="row">{e.name}<br /><small>{e.origin}</small></th>
                      <td>{e.kind}</td>
                      <td><code>{maskUrl(e.kind, e.url)}</code></td>
                      <td>{e.secrets.map(maskSecret).map((s) => <code>{typeof s === 'string' ? s : `env ${s.env}`}</code>)}</td>
                      <td>{e.disabledAt ? <>disabled: {e.disabledReason ?? ''}</> : 'active'}</td>
                      <td>
                        {admin && !e.disabledAt && <ActionButton session={session} action={`/admin/alerts/endpoints/${encodeURIComponent(e.id)}/test`} label="Send test event" />}
                        {admin && e.origin !== 'config' && <ActionButton session={session} action={`/admin/alerts/endpoints/${encodeURIComponent(e.id)}/delete`} label="Delete" danger />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </section>
        <section aria-labelledby="h-log">
          <h2 id="h-log">Delivery log</h2>
          <form method="get" action="/admin/alerts" class="filters">
            <label for="f-state">State</label>
            <select id="f-state" name="state"><option value="">any</option>{DELIVERY_STATES.map((s) => <option selected={q.state === s}>{s}</option>)}</select>
            <label for="f-endpoint">Endpoint</label>
            <select id="f-endpoint" name="endpoint"><option value="">any</option>{endpoints.map((e) => <option value={e.id} selected={q.endpoint === e.id}>{e.name}</option>)}</select>
            <label for="f-type">Event</label>
            <select id="f-type" name="type"><option value="">any</option>{ALERT_EVENT_TYPES.map((t) => <option selected={q.type === t}>{t}</option>)}</select>
            <button type="submit">Filter</button>
          </form>
          {deliveries.length === 0 ? <p>No deliveries match.</p> : (
            <Scroll label="Deliveries">
              <table>
                <thead><tr><th scope="col">Event</th><th scope="col">Endpoint</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last attempt</th><th scope="col">Answer</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr class="delivery" data-delivery={String(d.id)}>
                      <th scope="row">{d.eventType}<br /><small>{d.eventId}</small></th>
                      <td>{names.get(d.endpointId) ?? d.endpointId}</td>
                      <td><Badge value={d.state} /></td>
                      <td>{d.attempts}</td>
                      <td><When at={d.lastAttemptAt} tz={tz} /></td>
                      <td>{d.lastStatus !== null ? `HTTP ${d.lastStatus}` : ''}{d.lastError ? ` ${d.lastError}` : ''}</td>
                      <td>{admin && d.state !== 'pending' && <ActionButton session={session} action={`/admin/alerts/deliveries/${d.id}/redeliver`} label="Redeliver" />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </section>
        {admin && (
          <section aria-labelledby="h-new-endpoint">
            <h2 id="h-new-endpoint">New endpoint</h2>
            <form method="post" action="/admin/alerts/endpoints" class="stack">
              <Csrf session={session} />
              <label for="ne-name">Name</label>
              <input id="ne-name" name="name" required maxlength={120} />
              <label for="ne-kind">Kind</label>
              <select id="ne-kind" name="kind">{ALERT_CHANNEL_KINDS.map((k) => <option>{k}</option>)}</select>
              <label for="ne-url">URL</label>
              <input id="ne-url" name="url" type="url" required />
              <label for="ne-secret">Secret (webhook: whsec_…; PagerDuty: routing key)</label>
              <input id="ne-secret" name="secret" type="password" autocomplete="off" />
              <fieldset>
                <legend>Events (none: the channel's default)</legend>
                {ALERT_EVENT_TYPES.map((t) => <span class="pick"><input type="checkbox" id={`ne-ev-${t}`} name="events" value={t} /><label for={`ne-ev-${t}`}>{t}</label></span>)}
              </fieldset>
              <button type="submit">Add endpoint</button>
            </form>
          </section>
        )}
      </ConsoleLayout>
    ));
  });

  app.post('/alerts/endpoints', async (c) => {
    const f = await readForm(c);
    const secret = field(f, 'secret');
    const body = parseForm(CreateEndpoint, { name: field(f, 'name'), kind: field(f, 'kind'), url: field(f, 'url'), ...(secret ? { secret } : {}), events: fields(f, 'events') });
    const row = await createEndpoint(deps.sql(), { id: deps.newId('ep'), name: body.name, kind: body.kind, url: body.url, secrets: body.secret ? [body.secret] : [], events: body.events }, deps.clock());
    if (!row) throw new ConflictError('an endpoint with this id exists');
    return seeOther(c, '/admin/alerts');
  });

  app.post('/alerts/endpoints/:id/delete', async (c) => {
    const id = idParam(c, 'id');
    if (!(await deleteEndpoint(deps.sql(), id))) throw new NotFoundError('alert endpoint', id);
    return seeOther(c, '/admin/alerts');
  });

  app.post('/alerts/endpoints/:id/test', async (c) => {
    const id = idParam(c, 'id');
    await queueTestEvent(deps.sql(), id, c.var.principal.name, deps.clock(), deps.newId);
    return seeOther(c, `/admin/alerts?endpoint=${encodeURIComponent(id)}`);
  });

  app.post('/alerts/deliveries/:id/redeliver', async (c) => {
    const raw = idParam(c, 'id');
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
    const outcome = Number.isNaN(id) ? 'not_found' : await requeueDelivery(deps.sql(), id, deps.clock());
    if (outcome === 'not_found') throw new NotFoundError('delivery', raw);
    if (outcome === 'endpoint_disabled') throw new ConflictError('the endpoint is disabled; re-create or re-enable it first');
    return seeOther(c, '/admin/alerts');
  });
}
