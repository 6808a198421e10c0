// Named API tokens: made in the console (or the API) or synced from the config file; kept as hashes.
import type postgres from 'postgres';
import type { TokenScope } from '../core/scopes.js';
import { ConflictError } from './admin-errors.js';

export interface TokenRow {
  id: string;
  name: string;
  scope: TokenScope;
  origin: 'console' | 'config';
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A config token once its environment variable is read and hashed. */
export interface ConfigTokenHash {
  name: string;
  scope: TokenScope;
  hash: string;
}

const COLUMNS = 'id, name, scope, origin, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"';

/** Store a new token by its hash; a taken name is a conflict (names identify tokens in the audit log). */
export async function insertToken(sql: postgres.Sql, t: { id: string; name: string; scope: TokenScope; hash: string }, now: Date): Promise<TokenRow> {
  const [row] = await sql.unsafe<TokenRow[]>(
    `insert into api_tokens (id, name, scope, token_hash, origin, created_at) values ($1, $2, $3, $4, 'console', $5::timestamptz)
     on conflict do nothing returning ${COLUMNS}`,
    [t.id, t.name, t.scope, t.hash, now.toISOString()],
  );
  if (!row) throw new ConflictError(`a token named "${t.name}" exists (revoked ones keep their name for the audit log)`);
  return row;
}

export async function listTokens(sql: postgres.Sql): Promise<TokenRow[]> {
  return sql.unsafe<TokenRow[]>(`select ${COLUMNS} from api_tokens order by revoked_at nulls first, created_at, id`);
}

/** Revoke a token: it stops working at once, sessions signed in with it too. False when there is no such live token. */
export async function revokeToken(sql: postgres.Sql, id: string, now: Date): Promise<boolean> {
  const rows = await sql`update api_tokens set revoked_at = ${now.toISOString()}::timestamptz where id = ${id} and revoked_at is null returning id`;
  return rows.length > 0;
}

/** The live token with this hash; read only, so a refused request changes nothing. */
export async function findTokenByHash(sql: postgres.Sql, hash: string): Promise<{ id: string; name: string; scope: TokenScope } | null> {
  const [row] = await sql<{ id: string; name: string; scope: TokenScope }[]>`select id, name, scope from api_tokens where token_hash = ${hash} and revoked_at is null`;
  return row ?? null;
}

/** Record a successful use (at most once a minute per token, so reads do not write a row version each time). */
export async function touchToken(sql: postgres.Sql, id: string, now: Date): Promise<void> {
  await sql`update api_tokens set last_used_at = ${now.toISOString()}::timestamptz
    where id = ${id} and (last_used_at is null or last_used_at < ${now.toISOString()}::timestamptz - interval '1 minute')`;
}

/**
 * Make the config's tokens the 'config' tokens: add new names, take a changed secret or scope (which un-revokes),
 * revoke the ones no longer listed. Tokens made in the console are left alone; a config name that one of them holds
 * is refused with the name. Nothing is written when nothing changed (it runs once per process or Worker isolate).
 */
export async function syncConfigTokens(sql: postgres.Sql, tokens: readonly ConfigTokenHash[], now: Date, newId: (prefix: string) => string): Promise<void> {
  const at = now.toISOString();
  await sql.begin(async (tx) => {
    const rows = await tx<{ name: string; scope: string; token_hash: string; origin: string }[]>`select name, scope, token_hash, origin from api_tokens`;
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const t of tokens) {
      const row = byName.get(t.name);
      if (row && row.origin !== 'config') throw new ConflictError(`config token "${t.name}": a token made in the console has this name`);
      if (!row) {
        await tx`insert into api_tokens (id, name, scope, token_hash, origin, created_at) values (${newId('tok')}, ${t.name}, ${t.scope}, ${t.hash}, 'config', ${at}::timestamptz)`;
      } else if (row.token_hash !== t.hash || row.scope !== t.scope) {
        await tx`update api_tokens set scope = ${t.scope}, token_hash = ${t.hash}, revoked_at = null where name = ${t.name}`;
      }
    }
    await tx`update api_tokens set revoked_at = ${at}::timestamptz where origin = 'config' and revoked_at is null
      and name not in (select jsonb_array_elements_text(${JSON.stringify(tokens.map((t) => t.name))}::text::jsonb))`;
  });
}
