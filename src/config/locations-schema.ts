// The config's locations: where monitors are probed from, and how many must agree.
import { z } from 'zod';
import { LOCATION_HINTS, QUORUM_LOCATION } from '../core/quorum.js';

const LocationId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)')
  .refine((id) => id !== QUORUM_LOCATION, `"${QUORUM_LOCATION}" is reserved (the checks that hold each interval's quorum verdict)`);

export const LocationConfig = z
  .object({
    id: LocationId,
    name: z.string().min(1).max(60).describe('Shown on the page and in alerts, e.g. "US East"'),
    token: z
      .object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') })
      .strict()
      .optional()
      .describe('A probe agent of this location authenticates with the token in this environment variable (at least 16 characters)'),
    canary: z.url({ protocol: /^https?$/ }).optional().describe('A URL the location probes each round to tell its own network failing from the services (default: the central Lookout)'),
    locationHint: z.enum(LOCATION_HINTS).optional().describe('Workers: probe from a Durable Object created with this location hint'),
  })
  .strict();
export type LocationConfig = z.output<typeof LocationConfig>;

/** Per monitor: where from, and how many must agree. */
export const LocationsOfMonitor = {
  locations: z.array(LocationId).min(1).max(50).optional().describe('Location ids this monitor is probed from (default: every location)'),
  quorum: z.int().min(1).max(50).optional().describe('Locations that must confirm down for the monitor to be down (default: a majority)'),
};

interface LocatedConfig {
  locations?: Array<{ id: string }> | undefined;
  monitors: Array<{ type: string; locations?: string[] | undefined; quorum?: number | undefined } | { type: 'heartbeat' }>;
}

/** Cross-field rules: ids unique, monitors naming known locations, a quorum they can reach. */
export function checkLocations(cfg: LocatedConfig, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  cfg.locations?.forEach((l, i) => {
    if (ids.has(l.id)) ctx.addIssue({ code: 'custom', path: ['locations', i, 'id'], message: `duplicate location id "${l.id}"` });
    ids.add(l.id);
  });
  cfg.monitors.forEach((m, i) => {
    if (!('locations' in m || 'quorum' in m)) return;
    if (!cfg.locations) {
      if (m.locations) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'locations'], message: 'needs a top-level "locations" list' });
      if (m.quorum) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'quorum'], message: 'needs a top-level "locations" list' });
      return;
    }
    m.locations?.forEach((id, j) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'locations', j], message: `unknown location "${id}" (known: ${[...ids].join(', ')})` });
    });
    checkQuorum(new Set(m.locations ?? ids).size, m.quorum, i, ctx);
  });
}

function checkQuorum(n: number, quorum: number | undefined, i: number, ctx: z.RefinementCtx): void {
  if (quorum && quorum > n) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'quorum'], message: `is ${quorum}, but the monitor is probed from ${n} location${n === 1 ? '' : 's'}` });
}
