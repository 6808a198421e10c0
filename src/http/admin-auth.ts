import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from 'hono/utils/buffer';
import { ProblemError } from './problem.js';

/**
 * Bearer-token guard for admin routes. The token is compared in constant time; without a configured token the
 * admin API is closed rather than open.
 */
export function requireAdmin(token: string | undefined) {
  return createMiddleware(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token || !given || !(await timingSafeEqual(given, token))) {
      c.header('www-authenticate', 'Bearer realm="lookout-admin"');
      throw new ProblemError(401, 'Unauthorized', token ? 'a valid admin bearer token is required' : 'the admin API is disabled: set LOOKOUT_ADMIN_TOKEN');
    }
    await next();
  });
}
