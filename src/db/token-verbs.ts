// Making a token: one verb for the API and the console, so both name, hash and store it the same way.
import { hashSecret, newSecret } from '../auth/token-hash.js';
import type { TokenScope } from '../core/scopes.js';
import type postgres from 'postgres';
import { insertToken, type TokenRow } from './token-store.js';

/** Create a named token; the secret is returned here only, never stored or shown again. */
export async function createNamedToken(sql: postgres.Sql, t: { name: string; scope: TokenScope }, now: Date, newId: (prefix: string) => string): Promise<{ row: TokenRow; secret: string }> {
  const secret = newSecret('lk_');
  const row = await insertToken(sql, { id: newId('tok'), name: t.name, scope: t.scope, hash: await hashSecret(secret) }, now);
  return { row, secret };
}
