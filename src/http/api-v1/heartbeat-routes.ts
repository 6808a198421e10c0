import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashHeartbeatToken } from '../../config/heartbeat-token.js';
import { recordHeartbeat } from '../../db/heartbeat-store.js';
import { problemResponse } from '../problem.js';
import { createRateLimiter } from '../rate-limit.js';
import type { ApiV1Deps } from './deps.js';

/** Wrong tokens one client may try per minute before it gets 429 without a lookup. */
const MISSES_PER_MINUTE = 10;
/** Beats one monitor may record per minute; more are answered 429 without a write (a job in a loop). */
const BEATS_PER_MINUTE = 30;
const MAX_MESSAGE = 500;

/**
 * Beats of heartbeat monitors: GET or POST /heartbeats/:token records a beat, /heartbeats/:token/fail a failure
 * (so does ?status=N with N ≠ 0, a job's exit status). The tick decides what a beat (or its absence) means, so a beat
 * is one upsert. A token that names no monitor is 404, like any unknown URL; the token is never logged.
 */
export function registerHeartbeatRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  const misses = createRateLimiter(MISSES_PER_MINUTE, 60_000, deps.clock);
  const beats = createRateLimiter(BEATS_PER_MINUTE, 60_000, deps.clock);
  const beat = async (c: Context, failed: boolean) => {
    const client = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'direct';
    const headers = { 'cache-control': 'no-store' };
    if (misses.exhausted(client)) return tooMany(c);
    const token = c.req.param('token') ?? '';
    const hash = hashHeartbeatToken(token);
    if (!beats.hit(hash)) return tooMany(c);
    const status = c.req.query('status');
    const message = (c.req.method === 'POST' ? await c.req.text() : (c.req.query('msg') ?? '')).slice(0, MAX_MESSAGE);
    const recorded = token.length >= 16 && (await recordHeartbeat(deps.sql(), hash, { at: deps.clock(), failed: failed || (status !== undefined && status !== '0'), message }));
    if (!recorded) {
      misses.hit(client);
      return problemResponse(c, 404, 'Not Found', 'no heartbeat monitor has this token');
    }
    return c.text('OK', 200, headers);
  };
  app.on(['GET', 'POST'], '/heartbeats/:token', (c) => beat(c, false));
  app.on(['GET', 'POST'], '/heartbeats/:token/fail', (c) => beat(c, true));
}

function tooMany(c: Context): Response {
  c.header('retry-after', '60');
  return problemResponse(c, 429, 'Too Many Requests', 'too many heartbeat requests; try again in a minute');
}
