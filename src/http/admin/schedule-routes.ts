import type { Hono } from 'hono';
import { cancelSchedule, createSchedule, listSchedules } from '../../db/schedule-store.js';
import type { AdminDeps } from './deps.js';
import { idParam, readBody } from './validate.js';
import { CreateSchedule } from './schedule-schemas.js';

/** Recurring maintenance windows: the tick expands each into maintenances (schedule_id) for the coming weeks. */
export function registerScheduleRoutes(app: Hono, deps: AdminDeps): void {
  app.get('/maintenance-schedules', async (c) => c.json({ schedules: await listSchedules(deps.sql()) }));

  app.post('/maintenance-schedules', async (c) => {
    const body = await readBody(c, CreateSchedule);
    const id = deps.newId('mns');
    await createSchedule(deps.sql(), id, body, deps.clock());
    deps.onChange?.();
    return c.json((await listSchedules(deps.sql())).find((s) => s.id === id), 201);
  });

  app.delete('/maintenance-schedules/:id', async (c) => {
    await cancelSchedule(deps.sql(), idParam(c, 'id'), deps.clock());
    deps.onChange?.();
    return c.body(null, 204);
  });
}
