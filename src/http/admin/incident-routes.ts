import type { Hono } from 'hono';
import { addIncidentUpdate, createIncident, deleteIncident, editIncident, editIncidentUpdate } from '../../db/incident-admin-store.js';
import { getIncident, listIncidents } from '../../db/incident-queries.js';
import { updateAuthors } from '../../db/console-queries.js';
import { InvalidChangeError, NotFoundError } from '../../db/admin-errors.js';
import type { AdminDeps } from './deps.js';
import { idParam, readBody } from './validate.js';
import { CreateIncident, EditIncident, EditIncidentUpdate, PostIncidentUpdate } from './schemas.js';

export function registerIncidentRoutes(app: Hono, deps: AdminDeps): void {
  // Operators see who wrote each update (the token's name); the public shapes never carry it.
  const found = async (id: string) => {
    const [incident, authors] = await Promise.all([getIncident(deps.sql(), id), updateAuthors(deps.sql(), id)]);
    if (!incident) throw new NotFoundError('incident', id);
    return { ...incident, updates: incident.updates.map((u) => ({ ...u, author: authors.get(u.id) ?? null })) };
  };

  app.get('/incidents', async (c) => c.json({ incidents: await listIncidents(deps.sql(), { limit: 100 }) }));

  app.get('/incidents/:id', async (c) => c.json(await found(idParam(c, 'id'))));

  app.post('/incidents', async (c) => {
    const body = await readBody(c, CreateIncident);
    const now = deps.clock();
    if (body.startedAt && body.startedAt.getTime() > now.getTime() + 60_000) {
      throw new InvalidChangeError([{ field: 'startedAt', message: 'must not be in the future (use a maintenance for planned work)' }]);
    }
    const id = await createIncident(deps.sql(), { ...body, author: c.var.principal.name }, now, deps.newId);
    deps.onChange?.();
    return c.json(await found(id), 201);
  });

  app.patch('/incidents/:id', async (c) => {
    const body = await readBody(c, EditIncident);
    await editIncident(deps.sql(), idParam(c, 'id'), body, deps.clock());
    deps.onChange?.();
    return c.json(await found(idParam(c, 'id')));
  });

  app.delete('/incidents/:id', async (c) => {
    await deleteIncident(deps.sql(), idParam(c, 'id'));
    deps.onChange?.();
    return c.body(null, 204);
  });

  app.post('/incidents/:id/updates', async (c) => {
    const body = await readBody(c, PostIncidentUpdate);
    await addIncidentUpdate(deps.sql(), idParam(c, 'id'), { ...body, author: c.var.principal.name }, deps.clock(), deps.newId);
    deps.onChange?.();
    return c.json(await found(idParam(c, 'id')), 201);
  });

  app.patch('/incidents/:id/updates/:updateId', async (c) => {
    const body = await readBody(c, EditIncidentUpdate);
    await editIncidentUpdate(deps.sql(), idParam(c, 'id'), idParam(c, 'updateId'), body.body, deps.clock());
    deps.onChange?.();
    return c.json(await found(idParam(c, 'id')));
  });
}
