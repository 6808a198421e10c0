import type { Hono } from 'hono';
import { NotFoundError } from '../../db/admin-errors.js';
import { getMaintenance, listMaintenances } from '../../db/incident-queries.js';
import { createMaintenance, deleteMaintenance, editMaintenance } from '../../db/maintenance-store.js';
import type { AdminDeps } from './deps.js';
import { idParam, readBody } from './validate.js';
import { CreateMaintenance, EditMaintenance } from './schemas.js';

export function registerMaintenanceRoutes(app: Hono, deps: AdminDeps): void {
  // Status (scheduled → in_progress → completed) follows from the window and the clock, never stored.
  const found = async (id: string) => {
    const m = await getMaintenance(deps.sql(), id, deps.clock());
    if (!m) throw new NotFoundError('maintenance', id);
    return m;
  };

  app.get('/maintenances', async (c) => c.json({ maintenances: await listMaintenances(deps.sql(), deps.clock(), { limit: 500 }) }));
  app.get('/maintenances/:id', async (c) => c.json(await found(idParam(c, 'id'))));

  app.post('/maintenances', async (c) => {
    const body = await readBody(c, CreateMaintenance);
    const id = deps.newId('mnt');
    await createMaintenance(deps.sql(), id, body, deps.clock());
    deps.onChange?.();
    return c.json(await found(id), 201);
  });

  app.patch('/maintenances/:id', async (c) => {
    const body = await readBody(c, EditMaintenance);
    await editMaintenance(deps.sql(), idParam(c, 'id'), body, deps.clock());
    deps.onChange?.();
    return c.json(await found(idParam(c, 'id')));
  });

  app.delete('/maintenances/:id', async (c) => {
    await deleteMaintenance(deps.sql(), idParam(c, 'id'));
    deps.onChange?.();
    return c.body(null, 204);
  });
}
