// Heartbeat tokens: secrets from the environment, resolved once at start. The database and every output only ever
// see a token's SHA-256; the beat route hashes what it is given and looks the hash up.
import { createHash } from 'node:crypto';
import type { MonitorSpec } from '../core/monitor.js';
import { ConfigError } from './parse.js';

const MIN_TOKEN_LENGTH = 16;

export function hashHeartbeatToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The specs with each heartbeat's token hash set from the environment; every problem is reported at once. */
export function resolveHeartbeatTokens(specs: readonly MonitorSpec[], env: (name: string) => string | undefined, source: string): MonitorSpec[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const out = specs.map((s) => {
    if (s.type !== 'heartbeat') return s;
    const token = env(s.token.env);
    const where = `monitor "${s.id}" field "token.env"`;
    if (token === undefined || token === '') problems.push(`${where}: environment variable ${s.token.env} is not set`);
    else if (token.length < MIN_TOKEN_LENGTH) problems.push(`${where}: ${s.token.env} must hold at least ${MIN_TOKEN_LENGTH} characters`);
    else {
      const tokenHash = hashHeartbeatToken(token);
      const other = seen.get(tokenHash);
      if (other) problems.push(`${where}: the same token as monitor "${other}"`);
      seen.set(tokenHash, s.id);
      return { ...s, tokenHash };
    }
    return s;
  });
  if (problems.length) throw new ConfigError(source, problems);
  return out;
}
