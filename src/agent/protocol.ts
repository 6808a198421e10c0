// What an agent and the central Lookout say to each other (POST /api/v1/agent/claim and /results), as zod schemas:
// the central validates every batch before anything is written, the agent reads the claims with the same types.
import { z } from 'zod';
import type { ConfirmState } from '../core/confirm.js';
import type { MonitorSpec } from '../core/monitor.js';
import { MONITOR_STATUSES, VERDICTS } from '../core/statuses.js';
import { ERROR_CLASSES } from '../core/types.js';
import { IsoInstant, noNul } from '../http/validators.js';

/** One monitor claimed for an agent's location: what evaluateMonitor starts from. */
export interface AgentClaim {
  monitorId: string;
  slot: string;
  spec: MonitorSpec;
  state: ConfirmState;
  firstFailureAt: string | null;
  certExpiresAt: string | null;
  lastCheckAt: string | null;
  inMaintenance: boolean;
}

export interface ClaimAnswer {
  location: string;
  /** What the agent probes to tell its own network failing from the services'; null: the central's /healthz. */
  canary: string | null;
  claims: AgentClaim[];
}

export const ClaimRequest = z.object({ limit: z.int().min(1).max(1000).default(200), concurrency: z.int().min(1).max(1000).default(50) }).strict();

const Ms = z.number().min(0).max(3_600_000).nullable();
const Instant = IsoInstant.transform((s) => new Date(s));

/** One interval's final result of one monitor at the agent's location. */
const AgentResult = z
  .object({
    monitorId: noNul(z.string().min(1).max(200)),
    slot: Instant,
    at: Instant,
    verdict: z.enum(VERDICTS),
    statusCode: z.int().min(100).max(599).nullable(),
    latencyMs: z.number().min(0).max(3_600_000),
    dnsMs: Ms,
    connectMs: Ms,
    tlsMs: Ms,
    firstByteMs: Ms,
    errorClass: z.enum(ERROR_CLASSES).nullable(),
    error: noNul(z.string().max(2000)).nullable(),
    attempts: z.int().min(1).max(50),
    certExpiresAt: Instant.nullable(),
    inMaintenance: z.boolean(),
    state: z
      .object({
        status: z.enum(MONITOR_STATUSES.filter((s) => s !== 'maintenance') as ['up', 'degraded', 'down', 'unknown']),
        failStreak: z.int().min(0).max(1_000_000),
        okStreak: z.int().min(0).max(1_000_000),
      })
      .strict(),
    firstFailureAt: Instant.nullable(),
  })
  .strict();

export const ResultBatch = z
  .object({
    results: z.array(AgentResult).max(1000),
    /** The round's control probe (its canary); absent when the agent ran none. */
    control: z.object({ errorClass: z.enum(ERROR_CLASSES).nullable() }).strict().optional(),
  })
  .strict();
export type ResultBatch = z.input<typeof ResultBatch>;
