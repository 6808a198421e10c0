// Resolving the config's locations: each monitor's list and quorum, and the agents' tokens.
import type { MonitorSpec } from '../core/monitor.js';
import { majorityOf } from '../core/quorum.js';
import { ConfigError, toMonitorSpec } from './parse.js';
import type { LookoutConfig } from './schema.js';

/**
 * The config's monitors as specs, each probed monitor with its locations (default: every one) and quorum (default:
 * a majority). Without a `locations` list the specs are exactly toMonitorSpec's. Heartbeats are judged from their
 * beats, not probed from anywhere: they keep no locations.
 */
export function monitorSpecsOf(config: LookoutConfig): MonitorSpec[] {
  const all = config.locations?.map((l) => l.id);
  return config.monitors.map((m) => {
    const spec = toMonitorSpec(m);
    if (!all || m.type === 'heartbeat') return spec;
    const locations = m.locations ? [...new Set(m.locations)] : all;
    return { ...spec, locations, quorum: m.quorum ?? majorityOf(locations.length) };
  });
}

/** A location's display name by id (ids the config does not know are shown as they are). */
export function locationNames(config: LookoutConfig): Map<string, string> {
  return new Map((config.locations ?? []).map((l) => [l.id, l.name]));
}

/**
 * Each agent location's token, read from the environment at start: missing or short tokens are reported at once,
 * naming the location and the variable. Locations without a token take no agent.
 */
export function resolveAgentTokens(config: LookoutConfig, env: (name: string) => string | undefined, source: string): Map<string, string> {
  const tokens = new Map<string, string>();
  const problems: string[] = [];
  for (const l of config.locations ?? []) {
    if (!l.token) continue;
    const value = env(l.token.env);
    if (!value) problems.push(`location "${l.id}" field "token": environment variable ${l.token.env} is not set`);
    else if (value.length < 16) problems.push(`location "${l.id}" field "token": environment variable ${l.token.env} must be at least 16 characters`);
    else tokens.set(l.id, value);
  }
  if (problems.length) throw new ConfigError(source, problems);
  return tokens;
}
