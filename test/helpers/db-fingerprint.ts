import type postgres from 'postgres';

/** Every row of every table in the public schema (migration bookkeeping aside), as one string to compare. */
export async function dbFingerprint(sql: postgres.Sql): Promise<string> {
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await sql.unsafe(`select coalesce(json_agg(x order by x::text), '[]')::text as rows from "${name}" x`);
    parts.push(`${name}: ${row!.rows}`);
  }
  return parts.join('\n');
}
