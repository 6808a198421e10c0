// The Worker's environment and config, parsed at the edge: nothing deeper reads `env`.
import { z } from 'zod';
import bundledConfig from '../lookout.config.json' with { type: 'json' };
import { parseHistory, type ImportedHistory } from './config/history.js';
import { resolveHeartbeatTokens } from './config/heartbeat-token.js';
import { monitorSpecsOf, resolveAgentTokens } from './config/locations.js';
import { resolveConfigTokens } from './config/api-tokens.js';
import type { ConfigToken } from './auth/principal.js';
import { ConfigError, parseConfig, parseConfigText } from './config/parse.js';
import type { LookoutConfig } from './config/schema.js';
import type { MonitorSpec } from './core/monitor.js';
import type { ProbeMessage } from './scheduler/plan.js';
import { BUNDLED_HISTORY } from './worker-history.js';

/**
 * Bindings `wrangler types` cannot see: secrets, and the optional Hyperdrive binding (commented in wrangler.toml).
 * The probe queue is optional too: without it (a free-plan deploy) the cron invocation probes by itself.
 */
export interface WorkerEnv extends Omit<Env, 'PROBE_QUEUE'> {
  PROBE_QUEUE?: Queue<ProbeMessage>;
  HYPERDRIVE?: Hyperdrive;
  DATABASE_URL?: string;
  LOOKOUT_ADMIN_TOKEN?: string;
  LOOKOUT_CONFIG_JSON?: string;
  LOOKOUT_RETENTION_DAYS?: string;
  LOOKOUT_QUEUE_SPREAD_SECONDS?: string;
}

export interface WorkerSettings {
  databaseUrl: string;
  adminToken: string | undefined;
  /** The config's named tokens, their secrets read from the Worker's secrets. */
  configTokens: ConfigToken[];
  retentionDays: number;
  /** With a probe queue: messages are delayed over 0…this many seconds of the minute. */
  queueSpreadSeconds: number;
  config: LookoutConfig;
  specs: MonitorSpec[];
  /** The history files the config names, from the bundle. */
  history: ImportedHistory[];
  /** Each agent location's token (config `locations[].token`, a Worker secret). */
  agentTokens: Map<string, string>;
}

const WorkerVars = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  LOOKOUT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOOKOUT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // A cron fires once a minute; the last messages should be probed before the next planner runs.
  LOOKOUT_QUEUE_SPREAD_SECONDS: z.coerce.number().int().min(0).max(55).default(45),
});

class WorkerEnvError extends Error {}

/** Read the Worker's settings; every problem names the variable (or the config field) at fault. */
export function readWorkerSettings(env: WorkerEnv): WorkerSettings {
  const vars = WorkerVars.safeParse(Object.fromEntries(
    (['DATABASE_URL', 'LOOKOUT_ADMIN_TOKEN', 'LOOKOUT_RETENTION_DAYS', 'LOOKOUT_QUEUE_SPREAD_SECONDS'] as const).filter((k) => env[k]).map((k) => [k, env[k]]),
  ));
  if (!vars.success) {
    throw new WorkerEnvError(`Invalid environment:\n${vars.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  // Hyperdrive wins: it pools connections near the database, a raw URL opens a new one per invocation.
  const databaseUrl = env.HYPERDRIVE?.connectionString ?? vars.data.DATABASE_URL;
  if (!databaseUrl) throw new WorkerEnvError('Invalid environment:\n  - DATABASE_URL: set it (wrangler secret put DATABASE_URL) or bind HYPERDRIVE');
  const { config, history } = loadConfig(env.LOOKOUT_CONFIG_JSON);
  return { databaseUrl, adminToken: vars.data.LOOKOUT_ADMIN_TOKEN, retentionDays: vars.data.LOOKOUT_RETENTION_DAYS, queueSpreadSeconds: vars.data.LOOKOUT_QUEUE_SPREAD_SECONDS, config, configTokens: resolveConfigTokens(config.tokens, (name) => lookupVar(env, name), 'the Worker config'), specs: resolveHeartbeatTokens(monitorSpecsOf(config), (name) => lookupVar(env, name), 'the Worker config'), history,
    agentTokens: resolveAgentTokens(config, (name) => lookupVar(env, name), 'the Worker config') };
}

/** A string variable or secret for `{ "env": "NAME" }` probe headers; bindings (objects) are never sent. */
export function lookupVar(env: WorkerEnv, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

// An isolate serves many invocations: validate each distinct config text once.
let cached: { text: string | undefined; config: LookoutConfig; history: ImportedHistory[] } | undefined;

/**
 * No filesystem on Workers: the config bundled at deploy, or the whole file in LOOKOUT_CONFIG_JSON; the history
 * files either names come from the bundle (src/worker-history.ts), by their path from the project root.
 */
function loadConfig(override: string | undefined): { config: LookoutConfig; history: ImportedHistory[] } {
  const text = override?.trim() ? override : undefined;
  if (cached && cached.text === text) return cached;
  const source = text === undefined ? 'lookout.config.json (bundled)' : 'LOOKOUT_CONFIG_JSON';
  const config = text === undefined ? parseConfig(bundledConfig, source) : parseConfigText(text, source);
  const history = config.history.map((path, i) => {
    const name = path.replace(/^\.\//, '');
    if (!Object.hasOwn(BUNDLED_HISTORY, name)) {
      throw new ConfigError(source, [`history.${i}: "${path}" is not bundled with this Worker (bundled: ${Object.keys(BUNDLED_HISTORY).join(', ')}; add it in src/worker-history.ts)`]);
    }
    return parseHistory(BUNDLED_HISTORY[name], `${name} (bundled)`);
  });
  cached = { text, config, history };
  return cached;
}
