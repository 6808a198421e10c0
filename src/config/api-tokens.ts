// The config's named tokens: secrets read from the environment once, at the edge (Node's start, the Worker's
// settings). Only their hashes reach the database (auth/principal.ts syncs them).
import type { ConfigToken } from '../auth/principal.js';
import { ConfigError } from './parse.js';
import type { LookoutConfig } from './schema.js';

const MIN_TOKEN_LENGTH = 16;

/** Each config token with its secret; every missing or short variable is reported at once, by field. */
export function resolveConfigTokens(tokens: LookoutConfig['tokens'], env: (name: string) => string | undefined, source: string): ConfigToken[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const out = tokens.flatMap((t, i) => {
    const secret = env(t.token.env);
    const where = `tokens.${i}.token.env (token "${t.name}")`;
    if (secret === undefined || secret === '') problems.push(`${where}: environment variable ${t.token.env} is not set`);
    else if (secret.length < MIN_TOKEN_LENGTH) problems.push(`${where}: ${t.token.env} must hold at least ${MIN_TOKEN_LENGTH} characters`);
    else if (seen.has(secret)) problems.push(`${where}: the same secret as token "${seen.get(secret)}"`);
    else {
      seen.set(secret, t.name);
      return [{ name: t.name, scope: t.scope, secret }];
    }
    return [];
  });
  if (problems.length) throw new ConfigError(source, problems);
  return out;
}
