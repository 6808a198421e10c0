// The agents' side of the central Lookout: a probe agent claims its location's due monitors and posts what it
// found. It never sees the database; its token (per location, from the environment) is all it holds.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from 'hono/utils/buffer';
import type postgres from 'postgres';
import { ClaimRequest, ResultBatch, type ClaimAnswer } from '../agent/protocol.js';
import { InvalidChangeError } from '../db/admin-errors.js';
import type { Log } from '../log.js';
import { claimForLocation, strayResults, updatesOf } from '../scheduler/location-claims.js';
import { recordLocationRound, type RoundReport } from '../scheduler/location-round.js';
import type { CoreDeps } from '../scheduler/steps.js';
import { readBody } from './admin/validate.js';
import { ProblemError } from './problem.js';

export interface AgentRoutesDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  log: Log;
  /** Each agent location's token (resolved from the environment at start). */
  tokens: ReadonlyMap<string, string>;
  /** Each location's canary, when the config gives one (an agent then probes the central Lookout's /healthz). */
  canaries: ReadonlyMap<string, string>;
  newId: (prefix: string) => string;
  onOutcomes?: CoreDeps['onOutcomes'];
  /** After a batch is recorded (Node: deliver due alerts at once, refresh the site when a status moved). */
  afterRound?: (report: Omit<RoundReport, 'claimed'>) => void;
}

type AgentEnv = { Variables: { location: string } };

/** A stand-in compared against when the location is unknown, so an unknown location takes as long as a wrong token. */
const NO_TOKEN = 'x'.repeat(32);

/**
 * Bearer token of the location the request names in `x-lookout-location`, compared in constant time. A missing or
 * wrong token, or an unknown location, is 401 and touches nothing.
 */
function requireAgent(tokens: ReadonlyMap<string, string>) {
  return createMiddleware<AgentEnv>(async (c, next) => {
    const location = c.req.header('x-lookout-location') ?? '';
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expected = tokens.get(location);
    const match = await timingSafeEqual(given || ' ', expected ?? NO_TOKEN);
    if (!expected || !given || !match) {
      c.header('www-authenticate', 'Bearer realm="lookout-agent"');
      throw new ProblemError(401, 'Unauthorized', 'a valid agent token for the location named in x-lookout-location is required');
    }
    c.set('location', location);
    await next();
  });
}

/** The agent owner of a location's leases: one agent per location. */
const ownerOf = (location: string) => `agent:${location}`;

export function createAgentApi(deps: AgentRoutesDeps) {
  const app = new Hono<AgentEnv>();
  app.use('*', requireAgent(deps.tokens));
  app.use('*', bodyLimit({ maxSize: 2 * 1024 * 1024, onError: () => { throw new ProblemError(413, 'Payload Too Large', 'agent batches are limited to 2 MiB'); } }));

  /**
   * Claim the location's due monitors, leased: a claim an agent never reports on (it died, its post was lost) is
   * claimable again once its lease ends, and a second agent of the location meanwhile gets other work or none.
   */
  /**
   * Claim the location's due monitors, leased: a claim an agent never reports on (it died, its post was lost) is
   * claimable again once its lease ends, and a second agent of the location meanwhile gets other work or none.
   */
  app.post('/claim', async (c) => {
    const location = c.get('location');
    const body = await readBody(c, ClaimRequest);
    const claims = await claimForLocation(deps.sql(), location, ownerOf(location), deps.clock(), body);
    const answer: ClaimAnswer = { location, canary: deps.canaries.get(location) ?? null, claims };
    return c.json(answer, 200, { 'cache-control': 'no-store' });
  });

  /**
   * Record a batch of results. Keyed by (monitor, location, slot): a retried or replayed batch records nothing
   * twice. A result for a monitor this location does not probe is 422 and the whole batch is refused.
   */
  app.post('/results', async (c) => {
    const location = c.get('location');
    const batch = await readBody(c, ResultBatch);
    const sql = deps.sql();
    const stray = await strayResults(sql, location, batch);
    if (stray.length) throw new InvalidChangeError(stray);
    const updates = updatesOf(batch);
    const report = await recordLocationRound({ sql, clock: deps.clock, log: deps.log, onOutcomes: deps.onOutcomes, newId: deps.newId }, location, updates, batch.control ?? null, deps.clock());
    deps.afterRound?.(report);
    return c.json({ recorded: report.recorded, duplicates: updates.length - report.recorded, impaired: report.impaired, transitions: report.transitions }, 200, { 'cache-control': 'no-store' });
  });
  return app;
}
