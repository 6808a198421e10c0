import type { Hono } from 'hono';
import { NotFoundError } from '../../db/admin-errors.js';
import { listTokens, revokeToken } from '../../db/token-store.js';
import { createNamedToken } from '../../db/token-verbs.js';
import type { AdminDeps } from './deps.js';
import { idParam, readBody } from './validate.js';
import { CreateToken } from './schemas.js';

/** Named tokens (admin scope only, core/scopes.ts): list, create (the secret is in this answer only), revoke. */
export function registerTokenRoutes(app: Hono, deps: AdminDeps): void {
  app.get('/tokens', async (c) => c.json({ tokens: await listTokens(deps.sql()) }));

  app.post('/tokens', async (c) => {
    const body = await readBody(c, CreateToken);
    const { row, secret } = await createNamedToken(deps.sql(), body, deps.clock(), deps.newId);
    return c.json({ ...row, token: secret }, 201, { 'cache-control': 'no-store' });
  });

  app.delete('/tokens/:id', async (c) => {
    const id = idParam(c, 'id');
    if (!(await revokeToken(deps.sql(), id, deps.clock()))) throw new NotFoundError('live token', id);
    return c.body(null, 204);
  });
}
