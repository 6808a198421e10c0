import type { Hono } from 'hono';
import { ConflictError, NotFoundError } from '../../db/admin-errors.js';
import { createEndpoint, deleteEndpoint, listEndpoints, type EndpointRow } from '../../db/alert-endpoint-store.js';
import { listDeliveries, requeueDelivery } from '../../db/alert-store.js';
import type { AdminDeps } from './deps.js';
import { idParam, readBody, validate } from './validate.js';
import { maskSecret, maskUrl } from './mask.js';
import { CreateEndpoint, DeliveryQuery } from './schemas.js';

/** An endpoint as the API shows it: secrets and tokens in URLs masked, always. */
function showEndpoint(e: EndpointRow) {
  return { ...e, url: maskUrl(e.kind, e.url), secrets: e.secrets.map(maskSecret) };
}

export function registerAlertRoutes(app: Hono, deps: AdminDeps): void {
  app.get('/alert-endpoints', async (c) => c.json({ endpoints: (await listEndpoints(deps.sql())).map(showEndpoint) }));

  app.post('/alert-endpoints', async (c) => {
    const body = await readBody(c, CreateEndpoint);
    const row = await createEndpoint(deps.sql(), {
      id: deps.newId('ep'), name: body.name, kind: body.kind, url: body.url, secrets: body.secret ? [body.secret] : [], events: body.events,
    }, deps.clock());
    if (!row) throw new ConflictError('an endpoint with this id exists');
    return c.json(showEndpoint(row), 201);
  });

  app.delete('/alert-endpoints/:id', async (c) => {
    const id = idParam(c, 'id');
    if (!(await deleteEndpoint(deps.sql(), id))) throw new NotFoundError('alert endpoint', id);
    return c.body(null, 204);
  });

  app.get('/deliveries', async (c) => {
    const q = validate(DeliveryQuery, c.req.query());
    const deliveries = await listDeliveries(deps.sql(), { state: q.state, endpointId: q.endpoint, eventId: q.event, eventType: q.type, limit: q.limit });
    return c.json({ deliveries });
  });

  app.post('/deliveries/:id/redeliver', async (c) => {
    const raw = idParam(c, 'id');
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    const outcome = Number.isNaN(id) ? 'not_found' : await requeueDelivery(deps.sql(), id, deps.clock());
    if (outcome === 'not_found') throw new NotFoundError('delivery', raw);
    if (outcome === 'endpoint_disabled') throw new ConflictError('the endpoint is disabled; re-create or re-enable it first');
    return c.json({ id, state: 'pending' }, 202);
  });
}
