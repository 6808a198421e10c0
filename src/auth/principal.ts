// Who is asking: a named token (console or config) or the bootstrap LOOKOUT_ADMIN_TOKEN. Sessions keep the hash of
// the token they were signed in with and resolve it here on every request, so a revoked token ends them at once.
import { timingSafeEqual } from 'hono/utils/buffer';
import type postgres from 'postgres';
import type { TokenScope } from '../core/scopes.js';
import { findTokenByHash, syncConfigTokens } from '../db/token-store.js';
import { hashSecret } from './token-hash.js';

export interface Principal {
  /** The token's name, as the audit log and incident updates show it. */
  name: string;
  scope: TokenScope;
  /** The api_tokens row; null for the bootstrap token (it lives in the environment only). */
  tokenId: string | null;
}

/** A config token with its secret read from the environment (src/config/api-tokens.ts). */
export interface ConfigToken {
  name: string;
  scope: TokenScope;
  secret: string;
}

/** The audit name of the bootstrap token. */
const BOOTSTRAP_TOKEN_NAME = 'LOOKOUT_ADMIN_TOKEN';

export interface TokenAuthority {
  /** The principal of a token given in full (a bearer token, a sign-in). */
  bySecret(secret: string): Promise<Principal | null>;
  /** The principal of a token known by its hash (a session). */
  byHash(hash: string): Promise<Principal | null>;
}

interface AuthorityDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  adminToken: string | undefined;
  configTokens: readonly ConfigToken[];
  newId: (prefix: string) => string;
}

/**
 * Token lookups for one app. The config's tokens are synced into api_tokens before the first lookup (once per
 * process on Node, once per isolate on Workers; retried after a failure), so both runtimes resolve them the same way.
 */
export function createTokenAuthority(deps: AuthorityDeps): TokenAuthority {
  let synced: Promise<void> | null = null;
  const ensureSynced = () =>
    (synced ??= (async () => {
      const hashed = await Promise.all(deps.configTokens.map(async (t) => ({ name: t.name, scope: t.scope, hash: await hashSecret(t.secret) })));
      await syncConfigTokens(deps.sql(), hashed, deps.clock(), deps.newId);
    })().catch((err) => {
      synced = null;
      throw err;
    }));
  const bootstrapHash = deps.adminToken ? hashSecret(deps.adminToken) : null;

  const byHash = async (hash: string): Promise<Principal | null> => {
    // Constant-time against the bootstrap token's hash; the table lookup is by a hash, which reveals nothing.
    if (bootstrapHash && (await timingSafeEqual(hash, await bootstrapHash))) return { name: BOOTSTRAP_TOKEN_NAME, scope: 'admin', tokenId: null };
    await ensureSynced();
    const row = await findTokenByHash(deps.sql(), hash);
    return row ? { name: row.name, scope: row.scope, tokenId: row.id } : null;
  };
  return { byHash, bySecret: async (secret) => (secret ? byHash(await hashSecret(secret)) : null) };
}
